// Referring providers: a scheduler keeps the list (the NPI's check digit is checked as typed), and prints
// the acknowledgement for a referred patient once the consult is booked, saying no more than the patient allowed.
import AxeBuilder from "@axe-core/playwright";
import { expect, tabUntilFocused, test, uniqueName } from "../fixtures.ts";
import { FunnelDashboard } from "../pages/funnel.ts";
import { DeskApi, type TestLead } from "../pages/scheduling.ts";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

test("a scheduler adds a provider with the keyboard; a wrong NPI is refused on its field", async ({ page, signInAs }) => {
  const name = uniqueName("Dr. Provider");
  await signInAs("scheduler");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Referring providers" })).toBeVisible();
  const add = page.getByRole("button", { name: "Add a provider" });
  await tabUntilFocused(page, add);
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "New referring provider" });
  await tabUntilFocused(page, form.getByLabel("Name"));
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("NPI")).toBeFocused();
  await page.keyboard.type("1234567890");
  await page.keyboard.press("Enter");
  await expect(form.getByText("This NPI's last digit does not match its check digit")).toBeVisible();
  await expect(form.getByLabel("NPI")).toBeFocused();
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  // Blank: an NPI is optional, and the standard's own example would clash with another run's provider.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Saved ${name}.` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
});

test.describe("letters to the referring provider", () => {
  let lead: TestLead;
  let providerName: string;

  test.beforeAll(async ({ baseURL }) => {
    const desk = await DeskApi.signIn(baseURL);
    lead = await desk.handedOffLead("Referred");
    providerName = uniqueName("Dr. Letter");
    const provider = await desk.call<{ id: number }>("referrer.create", {
      name: providerName,
      practice: "Valley Pain Clinic",
      address: "1 Main St\nVan Nuys, CA 91401",
      fax: "(818) 555-0171",
    });
    await desk.call("lead.update", { id: lead.id, referrerId: provider.id, mayUpdateReferrer: false });
    await desk.dispose();
    const scheduling = await DeskApi.signIn(baseURL, "scheduler");
    const clinicians = await scheduling.call<{ id: number; name: string }[]>("appointment.clinicians", undefined);
    // A day well ahead that no other test books, at a time picked by the lead's id.
    const startsAt = new Date(Date.now() + (600 + (lead.id % 50)) * 86_400_000);
    startsAt.setUTCHours(16 + (lead.id % 6), 0, 0, 0);
    await scheduling.call("appointment.book", { leadId: lead.id, kind: "consult", startsAt: startsAt.toISOString(), clinicianId: clinicians[0]!.id });
    await scheduling.dispose();
  });

  test("the acknowledgement says only that the referral arrived when the patient allowed no updates; no status letter yet", async ({ page, signInAs }) => {
    await signInAs("scheduler");
    await page.goto(`/scheduling/leads/${lead.id}`);
    const letters = page.getByRole("region", { name: "Letters to the referring provider" });
    await expect(letters).toContainText("has not agreed to updates");
    await letters.getByRole("link", { name: "Referral acknowledgement" }).click();
    const letter = page.getByRole("article", { name: "Re: Referral received" });
    await expect(letter).toContainText("Iris Healing Retreat");
    await expect(letter).toContainText(providerName);
    await expect(letter).toContainText("Van Nuys, CA 91401");
    await expect(letter).toContainText(`Thank you for referring ${lead.name} to our clinic. We have received the referral.`);
    await expect(letter).not.toContainText("scheduled");
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await page.goto(`/scheduling/leads/${lead.id}/letters/status`);
    await expect(page.getByText("The patient has not agreed that we tell the referring provider how the referral went")).toBeVisible();
    await expect(page.getByRole("article")).toHaveCount(0);
  });

  test("a manager reads the provider's scorecard beside the others and filters the funnel to their referrals", async ({ page, signInAs }) => {
    const funnel = new FunnelDashboard(page);
    await signInAs("manager");
    await funnel.goto();
    await funnel.tab("By referring provider").click();
    const table = page.getByRole("table", { name: "Funnel by referring provider" });
    const row = table.getByRole("row").filter({ hasText: providerName });
    // One referral, handed off and scheduled; nobody in treatment yet, so no days to treatment.
    await expect(row).toContainText("Valley Pain Clinic");
    expect(await funnel.headers(table)).toContain("Days to treatment (median)");
    await funnel.referrer.selectOption({ label: providerName });
    await funnel.apply.click();
    await expect(page).toHaveURL(/[?&]referrer=\d+/);
    await expect.poll(() => funnel.stageCount("Inquiry")).toBe(1);
    await expect.poll(() => funnel.stageCount("Scheduled")).toBe(1);
  });
});

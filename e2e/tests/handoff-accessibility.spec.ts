// axe (WCAG 2.0/2.1 A and AA, colour contrast included) on the screening screen with the crisis steps
// showing, the clinician's inbox, the review page and the print view of a handoff note.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "../fixtures.ts";
import { InboxPage, LeadScreeningPanel, ReviewPage, ScreeningPage, newLeadFromCall, signInOn } from "../pages/handoffs.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
  expect(summary).toEqual([]);
}

test("screening screen, with the crisis steps, a flag and the list of open questions showing", async ({ page, signInAs }) => {
  const name = uniqueName("AxeScreen");
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  const screening = new ScreeningPage(page);
  await expect(screening.heading(name)).toBeVisible();
  await expectNoViolations(page);

  await screening.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
  await screening.radio(/better off dead/, "Nearly every day").check();
  await screening.checkbox("Any implanted device elsewhere in your body?", "Medication pump").check();
  await screening.field("How long have you had this pain? (months)").fill("200000");
  await expect(screening.crisis).toBeVisible();
  await screening.complete.click();
  await expect(screening.stillToAnswer).toBeVisible();
  await expectNoViolations(page);
});

test("inbox, review page and print view of a handoff note", async ({ page, signInAs }) => {
  test.slow();
  const name = uniqueName("AxeReview");
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  const screening = new ScreeningPage(page);
  await screening.answerAll(name, { bodyImplant: "Defibrillator (ICD)" });
  await screening.complete.click();
  await screening.handoff.background.fill("Defibrillator since 2021.");
  await expectNoViolations(page);
  await screening.handoff.send.click();
  await expect(screening.handoff.sent).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOn(page, "clinician");
  const inbox = new InboxPage(page);
  await inbox.goto();
  await expect(inbox.note(name)).toBeVisible();
  await expectNoViolations(page);

  await inbox.note(name).getByRole("link", { name: "Review" }).click();
  const review = new ReviewPage(page);
  await expect(review.answers).toContainText("Defibrillator (ICD)");
  await expectNoViolations(page);
  // With the note's error showing.
  await review.record.click();
  await expect(review.note).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);

  await page.getByRole("link", { name: "Print view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Handoff note" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expectNoViolations(page);
  // On paper, the dashboard around the note is gone.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Handoff note" })).toBeVisible();
});

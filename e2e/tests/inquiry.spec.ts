// The website's inquiry form: a stranger fills it in with the keyboard alone, and the lead it starts
// appears in a coordinator's open work queue without a reload, on its speed-to-lead clock.
import AxeBuilder from "@axe-core/playwright";
import { expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { InquiryForm } from "../pages/inquiry.ts";
import { WorkQueue } from "../pages/scheduling.ts";

test("the public form filled with the keyboard and sent: the lead is in the coordinator's open work queue at once", async ({
  page,
  signInAs,
  browser,
  baseURL,
}) => {
  const queue = new WorkQueue(page);
  await signInAs("coordinator");
  await expect(queue.region.getByText("Updates live")).toBeVisible();

  const name = uniqueName("Webform");
  const phone = uniquePhone();
  // Another browser, with no session: someone who followed the clinic's ad.
  const stranger = await browser.newContext({ baseURL });
  try {
    const visitor = await stranger.newPage();
    await visitor.goto("/inquire?utm_source=google&utm_medium=cpc&utm_campaign=e2e-spring&gclid=e2eClick");
    const form = new InquiryForm(visitor);
    await expect(form.heading).toBeVisible();

    const axe = await new AxeBuilder({ page: visitor }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await tabUntilFocused(visitor, form.name);
    // Sent empty first: the errors are at their fields, and the keyboard is taken to the first.
    await visitor.keyboard.press("Enter");
    await expect(form.name).toBeFocused();
    await expect(form.name).toHaveAttribute("aria-invalid", "true");

    await visitor.keyboard.type(name);
    await visitor.keyboard.press("Tab");
    await expect(form.phone).toBeFocused();
    await visitor.keyboard.type(phone.dotted);
    await visitor.keyboard.press("Tab");
    await expect(form.email).toBeFocused();
    await visitor.keyboard.type("webform@example.com");
    await visitor.keyboard.press("Tab");
    // The radio group: arrows choose within it.
    await visitor.keyboard.press("ArrowRight");
    await expect(form.byText).toBeChecked();
    await expect(form.byText).toBeFocused();
    await visitor.keyboard.press("Tab");
    await expect(form.language).toBeFocused();
    await visitor.keyboard.press("Tab");
    await expect(form.message).toBeFocused();
    await visitor.keyboard.type("Neck pain for three years; medications did not help.");
    await visitor.keyboard.press("Tab");
    await expect(form.textConsent).toBeFocused();
    await visitor.keyboard.press("Space");
    await expect(form.textConsent).toBeChecked();
    // The honeypot is out of the tab order: the next stop is Send.
    await visitor.keyboard.press("Tab");
    await expect(form.send).toBeFocused();
    await visitor.keyboard.press("Enter");

    await expect(form.thanks).toContainText("Thank you, we have your message");
    await expect(form.thanks).toContainText(/Your reference: INQ-[0-9A-Z]{10}/);
    await expect(visitor.getByRole("heading", { name: "Thank you, we have your message" })).toBeFocused();
  } finally {
    await stranger.close();
  }

  // The coordinator's queue, never reloaded: a new lead waiting for its first contact, with its age.
  const group = queue.group(/^New leads, not yet contacted/);
  await expect(group).toBeVisible();
  await queue.showAll(group);
  const item = queue.item(name);
  await expect(item).toBeVisible();
  await expect(item).toContainText("New lead");
  await expect(item).toContainText(/Website inquiry · Waiting .+ for a first contact/);

  // Its lead page says where it came from.
  await item.getByRole("link", { name }).click();
  const origin = page.getByRole("region", { name: "Where this lead came from" });
  await expect(origin).toContainText("Website");
  await expect(origin).toContainText("google");
  await expect(origin).toContainText("cpc");
  await expect(origin).toContainText("e2e-spring");
});

// The screening screen below the desktop width and over time: the crisis steps in view the moment a
// screen turns urgent, a section bar that fits a phone, a saved time that says which day, and a stray
// N that does not take the coordinator off a screen mid-call.
import type { Locator, Page } from "@playwright/test";
import { expect, test, uniqueName } from "../fixtures.ts";
import { expectNoAxeViolations } from "../pages/admin.ts";
import { LeadScreeningPanel, ScreeningPage, newLeadFromCall } from "../pages/handoffs.ts";

const SECTIONS = ["Caller and consent", "Pain", "What they have tried", "Wellbeing", "TMS safety", "Readiness"] as const;

/** Signs in as the coordinator, starts a lead from a call and opens its screen. */
async function openNewScreen(page: Page, signInAs: (role: "coordinator") => Promise<void>, first: string): Promise<{ name: string; screening: ScreeningPage }> {
  const name = uniqueName(first);
  const screening = new ScreeningPage(page);
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  await expect(screening.heading(name)).toBeVisible();
  await expect(screening.form).toBeVisible();
  return { name, screening };
}

/** True when two boxes share any area. */
function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The crisis steps are on screen, and the answer just given is not under them. */
async function expectStepsBesideAnswer(crisis: Locator, answer: Locator): Promise<void> {
  await expect(crisis).toBeInViewport();
  await expect(answer).toBeInViewport();
  const steps = await crisis.boundingBox();
  const given = await answer.boundingBox();
  expect(steps).not.toBeNull();
  expect(given).not.toBeNull();
  if (steps && given) expect(overlaps(steps, given), "the crisis steps cover the answer just given").toBe(false);
}

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 420, height: 900 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("a safety concern brings the crisis steps into view at once, and they stay while the form goes on", async ({ page, signInAs }) => {
      const { screening } = await openNewScreen(page, signInAs, "Concern");
      await screening.radio("Who is calling?", "Patient").check();

      const concern = screening.radio("Coordinator: do you have any concern for the caller's safety?", "Yes");
      await concern.check();
      await expect(screening.crisis).toBeVisible();
      await expectStepsBesideAnswer(screening.crisis, concern);
      await expect(screening.crisis).toContainText("988");

      // The call goes on: a later question, further down the form, still has the steps in view.
      const pregnant = screening.radio("Is the patient pregnant, or could they be?", "No");
      await pregnant.check();
      await expectStepsBesideAnswer(screening.crisis, pregnant);

      // Complete is still there to reach (the alert went out mid-call, so it no longer promises one).
      const complete = page.getByRole("button", { name: "Complete screening" });
      await complete.focus();
      await expect(complete).toBeInViewport();
      await expect(screening.crisis).toBeInViewport();
      await expectNoAxeViolations(page);
    });

    test("PHQ-9 item 9 above 0 brings the crisis steps into view at once", async ({ page, signInAs }) => {
      const { screening } = await openNewScreen(page, signInAs, "Item9");
      await screening.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
      const item9 = screening.radio(/better off dead/, "Several days");
      await item9.check();
      await expect(screening.headline).toHaveText(/urgent/i);
      await expectStepsBesideAnswer(screening.crisis, item9);
      await expectNoAxeViolations(page);
    });
  });
}

test.describe("on a phone-sized window", () => {
  test.use({ viewport: { width: 420, height: 900 } });

  test("the section bar fits the width, keeps to one short row, and every section is reachable", async ({ page, signInAs }) => {
    const { screening } = await openNewScreen(page, signInAs, "Narrow");

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
    const bar = await screening.sections.boundingBox();
    expect(bar?.height ?? Infinity, "the sticky section bar takes too much of the screen").toBeLessThan(80);

    // No title runs into the next one.
    const links = SECTIONS.map((title) => screening.sectionLink(title));
    const boxes = [];
    for (const link of links) {
      expect(await link.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), "a section title overflows its link").toBe(true);
      boxes.push(await link.boundingBox());
    }
    for (let i = 1; i < boxes.length; i++) {
      const before = boxes[i - 1];
      const box = boxes[i];
      if (before && box) expect(overlaps(before, box), `${SECTIONS[i - 1]} and ${SECTIONS[i]} overlap`).toBe(false);
    }

    // By keyboard, each link comes fully into view as it takes focus, and takes the form to its section.
    await links[0]?.focus();
    for (const [index, link] of links.entries()) {
      if (index > 0) await page.keyboard.press("Tab");
      await expect(link).toBeFocused();
      await expect(link).toBeInViewport({ ratio: 1 });
    }
    await page.keyboard.press("Enter");
    await expect(screening.radio(/25 to 30 sessions/, "Yes")).toBeFocused();
    await expect(screening.sectionLink("Readiness")).toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page);
  });
});

test("a screen resumed on a later day says which day it was last saved", async ({ page, signInAs }) => {
  const { screening } = await openNewScreen(page, signInAs, "Resumed");
  await screening.radio("Who is calling?", "Patient").check();
  await screening.waitUntilSaved();
  const savedDay = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", month: "short", day: "numeric" }).format(new Date());

  // The caller rings back three months later: the dashboard's clock is moved on, the server's is not.
  await page.clock.setFixedTime(Date.now() + 92 * 24 * 3600_000);
  await page.reload();
  await expect(screening.radio("Who is calling?", "Patient")).toBeChecked();
  await expect(screening.saveStatus).toHaveText(new RegExp(`^Saved ${savedDay}, (\\d{4}, )?\\d{1,2}:\\d{2}\\s[AP]M$`));
});

test("N or / pressed on the screening screen does not leave it, and still works elsewhere", async ({ page, signInAs, callLogForm, leadsTable }) => {
  const { name, screening } = await openNewScreen(page, signInAs, "StrayKey");
  await screening.radio("Who is calling?", "Patient").check();
  const url = page.url();

  // Focus on a button, not a field, where a single-key shortcut would otherwise fire.
  const next = page.getByRole("button", { name: "Next unanswered" });
  await next.focus();
  await page.keyboard.press("n");
  await page.keyboard.press("Shift+N");
  await page.keyboard.press("/");
  await expect(callLogForm.form).toBeHidden();
  await expect(page).toHaveURL(url);
  await expect(screening.heading(name)).toBeVisible();
  await expect(screening.radio("Who is calling?", "Patient")).toBeChecked();

  // Off the screening screen the key works as before.
  await page.getByRole("link", { name: "Back to the lead" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.keyboard.press("n");
  await expect(callLogForm.form).toBeVisible();
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(leadsTable.search).toBeFocused();
});

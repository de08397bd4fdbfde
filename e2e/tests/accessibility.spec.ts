// axe (WCAG 2.0/2.1 A and AA, colour contrast included) on each screen a coordinator works in.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures.ts";

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

test("sign-in page", async ({ signInPage, page }) => {
  await signInPage.goto();
  await expectNoViolations(page);
  // Also with an inline error showing.
  await signInPage.submit.click();
  await expect(signInPage.email).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);
});

test("coordinator home with the call form open", async ({ page, signInAs, callLogForm }) => {
  await signInAs("coordinator");
  await page.keyboard.press("n");
  await expect(callLogForm.form).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent calls" }).getByRole("row").nth(1)).toBeVisible();
  await expectNoViolations(page);
  // With field errors showing.
  await callLogForm.save.click();
  await expect(callLogForm.phone).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);
});

test("leads table", async ({ page, signInAs, leadsTable }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await expect(leadsTable.rows).toHaveCount(25);
  await expectNoViolations(page);
});

test("a table wider than the screen scrolls sideways by keyboard; one that fits adds no tab stop", async ({ page, signInAs, leadsTable }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await expect(leadsTable.rows).toHaveCount(25);
  await expect(page.getByRole("region", { name: "Leads (scrolls sideways)" })).toHaveCount(0);

  await page.setViewportSize({ width: 420, height: 800 });
  const frame = page.getByRole("region", { name: "Leads (scrolls sideways)" });
  await expect(frame).toBeVisible();
  await frame.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectNoViolations(page);
});

test("on a phone-sized screen the page never scrolls sideways: the navigation wraps, the pager fits", async ({ page, signInAs, leadsTable }) => {
  await page.setViewportSize({ width: 420, height: 800 });
  await signInAs("manager");
  const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const place of ["Home", "Leads", "Inbox", "Scheduling", "Appointments", "Funnel", "Audit"]) {
    await expect(nav.getByRole("link", { name: place })).toBeInViewport({ ratio: 1 });
  }
  expect(await fitsWidth()).toBe(true);

  await leadsTable.goto();
  await expect(leadsTable.rows).toHaveCount(25);
  const pager = page.getByRole("navigation", { name: "Leads: pages" });
  await pager.scrollIntoViewIfNeeded();
  await expect(pager.getByText(/^[\d,]+ leads$/)).toBeInViewport({ ratio: 1 });
  await expect(pager.getByRole("button", { name: "Next page" })).toBeInViewport({ ratio: 1 });
  expect(await fitsWidth()).toBe(true);
  await expectNoViolations(page);
});

test("lead page, with a reason form open", async ({ page, signInAs, leadsTable, leadPage }) => {
  await signInAs("coordinator");
  await leadsTable.goto();
  await leadsTable.status.selectOption({ label: "Contacting" });
  await expect(leadsTable.rows.first()).toContainText("Contacting");
  await leadsTable.rows.first().getByRole("link").click();
  await expect(leadPage.history).toBeVisible();
  await expectNoViolations(page);
  await leadPage.transition("Close lead…").click();
  await expect(page.getByLabel("Reason for closing")).toBeFocused();
  await expectNoViolations(page);
});

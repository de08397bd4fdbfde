// axe (WCAG 2.0/2.1 A and AA, colour contrast included) on the funnel dashboard, its reports tabs and the drill-down.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures.ts";
import { FunnelDashboard, FunnelLeads } from "../pages/funnel.ts";

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect(summary).toEqual([]);
}

test("funnel dashboard", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();
  await expect(funnel.weekly.getByRole("row")).toHaveCount(13);
  await expect(page.getByRole("table", { name: "Funnel by coordinator" }).getByRole("cell").first()).toBeVisible();
  await expectNoViolations(page);

  // A filter error showing, and another tab of the reports.
  await funnel.lastDay.fill("");
  await funnel.apply.click();
  await expect(funnel.lastDay).toHaveAttribute("aria-invalid", "true");
  await funnel.tab("By line").click();
  await expect(page.getByRole("table", { name: "Funnel by line" }).getByRole("cell").first()).toBeVisible();
  await expectNoViolations(page);
});

test("drill-down", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  const leads = new FunnelLeads(page);
  await signInAs("manager");
  await funnel.goto();
  await funnel.showLeads("Contacted").click();
  await expect(leads.heading("Contacted")).toBeVisible();
  await expect(leads.rows.first()).toBeVisible();
  await expectNoViolations(page);
});

// The managers' funnel dashboard end to end: stage figures and chart, filters in the URL, drill-down, CSV export, who may see it.
import { expect, test } from "../fixtures.ts";
import { FunnelDashboard, FunnelLeads, STAGE_LABELS } from "../pages/funnel.ts";

test("a manager reads the funnel: eight stages with figures, the chart, headline figures", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funnel" }).click();
  await expect(funnel.heading).toBeVisible();
  await expect(funnel.stageRows).toHaveCount(8);
  for (const [i, label] of STAGE_LABELS.entries()) {
    await expect(funnel.stageRows.nth(i).getByRole("cell").first()).toHaveText(label);
  }
  // The demo cohort (last 90 days) has inquiries, and no stage has more leads than the one before it.
  const counts = [];
  for (const label of STAGE_LABELS) counts.push(await funnel.stageCount(label));
  expect(counts[0]).toBeGreaterThan(0);
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] ?? 0);
  await expect(funnel.stageRow("Contacted").getByRole("cell").nth(3)).toHaveText(/^\d+\.\d%$/);

  await expect(funnel.stagesChart).toBeVisible();
  await expect(funnel.stagesChart.getByRole("img", { name: "Leads reaching each stage" })).toBeVisible();
  await expect(funnel.headline.getByText("Inquiries", { exact: true })).toBeVisible();
  await expect(funnel.headline.getByText(counts[0]?.toLocaleString("en-US") ?? "", { exact: true })).toBeVisible();
  // Speed to lead over the contacted leads, said in words: most first calls are answered live.
  const contacted = counts[STAGE_LABELS.indexOf("Contacted")] ?? 0;
  await expect(funnel.headline.getByText(`Median of ${contacted.toLocaleString("en-US")} contacted leads`)).toBeVisible();
  await expect(funnel.headline.getByText("under 1 min", { exact: true })).toBeVisible();
  await expect(funnel.headline.getByText(/\b0\.0 min\b/)).toHaveCount(0);
  await expect(funnel.closedReasons).toBeVisible();
  await expect(funnel.weekly.getByRole("row")).toHaveCount(13);
});

test("filters go into the URL and survive a reload", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();
  const all = await funnel.stageCount("Inquiry");

  // Half a year back from the last day shown: longer than the default 90 days, within the demo's history.
  const lastDay = await funnel.lastDay.inputValue();
  const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 180 * 86_400_000).toISOString().slice(0, 10);
  await funnel.firstDay.fill(firstDay);
  await funnel.source.selectOption({ label: "Google Ads" });
  await funnel.apply.click();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${firstDay}`));
  await expect(page).toHaveURL(/[?&]source=Google\+Ads/);
  await expect(page.getByText(/source Google Ads/)).toBeVisible();
  await expect(funnel.stageTable).not.toHaveAttribute("aria-busy", "true");
  const googleAds = await funnel.stageCount("Inquiry");
  expect(googleAds).toBeGreaterThan(0);

  await page.reload();
  await expect(funnel.heading).toBeVisible();
  await expect(funnel.firstDay).toHaveValue(firstDay);
  await expect(funnel.source).toHaveValue("Google Ads");
  await expect(page.getByText(/source Google Ads/)).toBeVisible();
  await expect.poll(() => funnel.stageCount("Inquiry")).toBe(googleAds);

  // Back returns to the filters before.
  await page.goBack();
  await expect(funnel.source).toHaveValue("");
  await expect.poll(() => funnel.stageCount("Inquiry")).toBe(all);
});

test("Show leads lists the named leads behind a stage, and the bar opens the same", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  const leads = new FunnelLeads(page);
  await signInAs("manager");
  await funnel.goto();
  const screened = await funnel.stageCount("Screened");
  expect(screened).toBeGreaterThan(0);

  await funnel.showLeads("Screened").click();
  await expect(leads.heading("Screened")).toBeVisible();
  await expect(leads.auditNote).toBeVisible();
  await expect(page).toHaveURL(/\/funnel\/leads\?.*stage=screened/);
  await expect(leads.rows).toHaveCount(Math.min(screened, 25));
  await expect(leads.pagerCount).toHaveText(`${screened.toLocaleString("en-US")} ${screened === 1 ? "lead" : "leads"}`);
  // Each row names its lead and links to the lead's page.
  const first = leads.rows.first().getByRole("link");
  const name = (await first.innerText()).trim();
  expect(name.length).toBeGreaterThan(0);
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Clicking a bar of the chart drills down too.
  await funnel.goto();
  const inquiries = await funnel.stageCount("Inquiry");
  // The Inquiry bar is the top one and the longest: a point a little into the plot is on it.
  await funnel.stagesChart.getByRole("img", { name: "Leads reaching each stage" }).click({ position: { x: 260, y: 22 } });
  await expect(leads.heading("Inquiry")).toBeVisible();
  await expect(leads.pagerCount).toHaveText(`${inquiries.toLocaleString("en-US")} leads`);
});

test("CSV export of a table has the table's header row", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();

  const headers = (await funnel.headers(funnel.stageTable)).filter((h) => h !== "Leads behind it");
  const { download, text } = await funnel.download(funnel.exportButton("Stages"));
  expect(download.suggestedFilename()).toBe("funnel-stages.csv");
  const lines = text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe(headers.join(","));
  expect(lines).toHaveLength(9);
  expect(lines[1]).toMatch(/^Inquiry,\d+,—,—,0 h$/);

  // The side-by-side reports export too.
  await funnel.tab("By source").click();
  const bySource = page.getByRole("table", { name: "Funnel by source" });
  await expect(bySource.getByRole("cell", { name: "Google Ads" })).toBeVisible();
  const sourceHeaders = await funnel.headers(bySource);
  const sourceCsv = await funnel.download(funnel.exportButton("Funnel by source"));
  expect(sourceCsv.text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(sourceHeaders.join(","));
});

test("a coordinator has no Funnel link and is told the screen is not for their role", async ({ page, signInAs }) => {
  await signInAs("coordinator");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Leads" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Funnel" })).toHaveCount(0);
  await page.goto("/funnel");
  await expect(page.getByRole("heading", { level: 1, name: "Not available for your role" })).toBeVisible();
  await page.goto("/funnel/leads?stage=inquiry");
  await expect(page.getByRole("heading", { level: 1, name: "Not available for your role" })).toBeVisible();
});

// The funnel by where leads came from: inquiries sent through the website's endpoint with their
// campaigns are counted exactly by the Campaign filter, the By campaign and By channel tabs, and their CSV.
import { expect, test, uniqueName, uniquePhone } from "../fixtures.ts";
import { FunnelDashboard } from "../pages/funnel.ts";

async function inquire(baseURL: string | undefined, campaign: string) {
  const res = await fetch(`${baseURL}/api/inquiries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: uniqueName("Campaign"), phone: uniquePhone().national, utm_source: "google", utm_medium: "cpc", utm_campaign: campaign }),
  });
  expect(res.status).toBe(202);
}

test("a campaign's inquiries are counted exactly: the filter, the By campaign and By channel tabs, and the CSV", async ({ page, signInAs, baseURL }) => {
  const spring = `spring-${uniqueName("x").slice(-5)}`;
  const fall = `fall-${uniqueName("y").slice(-5)}`;
  for (let i = 0; i < 3; i++) await inquire(baseURL, spring);
  for (let i = 0; i < 2; i++) await inquire(baseURL, fall);

  const funnel = new FunnelDashboard(page);
  await signInAs("manager");
  await funnel.goto();
  await funnel.campaign.selectOption(spring);
  await funnel.channel.selectOption({ label: "Website" });
  await funnel.apply.click();
  await expect(page).toHaveURL(new RegExp(`campaign=${spring}`));
  await expect(page).toHaveURL(/channel=web/);
  await expect(page.getByText(`came in by website · campaign ${spring}`)).toBeVisible();
  await expect.poll(() => funnel.stageCount("Inquiry")).toBe(3);

  // Side by side, with no filter: each campaign's row has its own count.
  await funnel.goto();
  await funnel.tab("By campaign").click();
  const byCampaign = page.getByRole("table", { name: "Funnel by campaign" });
  const row = (table: typeof byCampaign, name: string) => table.getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
  await expect(row(byCampaign, spring).getByRole("cell").nth(1)).toHaveText("3");
  await expect(row(byCampaign, fall).getByRole("cell").nth(1)).toHaveText("2");
  const csv = await funnel.download(funnel.exportButton("Funnel by campaign"));
  expect(csv.download.suggestedFilename()).toBe("funnel-by-campaign.csv");
  const lines = csv.text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe((await funnel.headers(byCampaign)).join(","));
  expect(lines.find((l) => l.startsWith(`${spring},`))).toMatch(new RegExp(`^${spring},3,`));
  expect(lines.find((l) => l.startsWith(`${fall},`))).toMatch(new RegExp(`^${fall},2,`));

  await funnel.tab("By channel").click();
  const byChannel = page.getByRole("table", { name: "Funnel by channel" });
  await expect(row(byChannel, "Phone call")).toBeVisible();
  const web = Number((await row(byChannel, "Website").getByRole("cell").nth(1).innerText()).replaceAll(",", ""));
  expect(web).toBeGreaterThanOrEqual(5);
});

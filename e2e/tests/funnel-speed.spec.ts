// The funnel draws what is in view first: the headline figures and the stages table show before the
// charting library (most of the screen's code) has even arrived, and the chart then takes the space
// kept for it. (Lighthouse's total blocking time for the page: README, "Speed".)
import { expect, test } from "../fixtures.ts";
import { FunnelDashboard } from "../pages/funnel.ts";

test("the funnel's figures and stages table show while the chart's code is still on its way", async ({ page, signInAs }) => {
  const funnel = new FunnelDashboard(page);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let chartRequested = false;
  await page.route(/\/assets\/FunnelChart-[\w-]+\.js$/, async (route) => {
    chartRequested = true;
    await held;
    await route.continue();
  });
  await signInAs("manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funnel" }).click();
  await expect(funnel.heading).toBeVisible();
  await expect(funnel.stageRows).toHaveCount(8);
  await expect(funnel.headline.getByText("Inquiries", { exact: true })).toBeVisible();
  await expect.poll(() => chartRequested, { message: "the chart's code is fetched on its own" }).toBe(true);
  await expect(funnel.stagesChart.getByRole("img", { name: "Leads reaching each stage" })).toHaveCount(0);
  const tableTop = (await funnel.stageRows.first().boundingBox())?.y;

  release();
  await expect(funnel.stagesChart.getByRole("img", { name: "Leads reaching each stage" })).toBeVisible();
  // The chart filled the space kept for it: the table under it stayed where it was.
  expect((await funnel.stageRows.first().boundingBox())?.y).toBe(tableTop);
  await expect(funnel.weekly.getByRole("row")).toHaveCount(13);
});

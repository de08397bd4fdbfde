// The coordinator's home must not jump while it loads: the work queue arrives after the call form and
// search have drawn, so its space is kept from the start. Measured as the browser's layout shift
// (CLS) on a slow machine (CPU ×4), on a phone-sized and a desk-sized screen.
import { expect, test } from "../fixtures.ts";

declare global {
  interface Window {
    __layoutShift: number;
  }
}

for (const width of [412, 1280]) {
  test(`the coordinator's home does not shift while it loads, at ${width} px`, async ({ page, signInAs }) => {
    await signInAs("coordinator");
    await page.setViewportSize({ width, height: 900 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => {
      window.__layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) window.__layoutShift += entry.value;
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto("/");
    const queue = page.getByRole("region", { name: "Work queue" });
    await expect(queue.getByText(/\d+ items?|Nothing waiting/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("region", { name: "Recent calls", exact: true }).getByRole("table")).toBeVisible();
    await expect(page.getByRole("region", { name: "Leads", exact: true }).getByRole("table")).toBeVisible();
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => window.__layoutShift);
    expect(shift, "cumulative layout shift").toBeLessThan(0.1);
  });
}

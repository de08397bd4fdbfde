// A coordinator sees that a caller has two records and merges them with the keyboard alone.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { API_HEADERS, expect, tabUntilFocused, test, uniqueName, uniquePhone } from "../fixtures.ts";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** A tRPC call with the signed-in page's session, as the dashboard makes it. */
async function api<T>(page: Page, path: string, json: unknown): Promise<T> {
  const res = await page.request.post(`/trpc/${path}`, { data: { json }, headers: API_HEADERS });
  expect(res.status(), `${path} answered`).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("a duplicate shown after logging a call is compared side by side and merged with the keyboard", async ({ page, signInAs, callLogForm }) => {
  const name = uniqueName("Dupe");
  const first = uniquePhone();
  const second = uniquePhone();
  const email = `${name.replace(/\W+/g, ".").toLowerCase()}@example.com`;
  await signInAs("coordinator");
  // The same person reached the desk from two phones; both records carry her email.
  const call = (phone: string) => ({
    direction: "inbound",
    otherNumber: phone,
    startedAt: new Date(Date.now() - 120_000).toISOString(),
    durationSeconds: 90,
    outcome: "connected",
    callerName: name,
  });
  const a = (await api<{ lead: { id: number } }>(page, "call.log", call(first.national))).lead.id;
  const b = (await api<{ lead: { id: number } }>(page, "call.log", call(second.national))).lead.id;
  await api(page, "lead.update", { id: a, email });
  await api(page, "lead.update", { id: b, email });

  // She calls again from the second phone: logging the call shows the other record.
  await page.keyboard.press("n");
  await expect(callLogForm.direction("Inbound")).toBeFocused();
  await tabUntilFocused(page, callLogForm.phone);
  await page.keyboard.type(second.national);
  await tabUntilFocused(page, callLogForm.duration);
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  await expect(callLogForm.confirmation).toContainText(name);
  const candidates = page.getByRole("region", { name: "Possible duplicate" });
  await expect(candidates).toContainText("Same email");
  const compare = candidates.getByRole("link", { name: `Compare and merge with ${name}` });
  await tabUntilFocused(page, compare);
  await page.keyboard.press("Enter");

  // Both records side by side before anything moves.
  await expect(page).toHaveURL(new RegExp(`/leads/${b}/merge/${a}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Merge duplicate leads" })).toBeVisible();
  await expect(page.getByRole("region", { name: new RegExp(`^Lead #${a}:`) })).toContainText(first.national);
  await expect(page.getByRole("region", { name: new RegExp(`^Lead #${b}:`) })).toContainText(second.national);
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  const reason = page.getByLabel("Why are these the same person?");
  await tabUntilFocused(page, reason);
  await page.keyboard.type("Same caller, same email, two phones");
  const merge = page.getByRole("button", { name: `Merge lead #${a} into lead #${b}` });
  await tabUntilFocused(page, merge);
  await page.keyboard.press("Enter");

  // The lead that stays now holds both phones' calls; the other points at it.
  await expect(page).toHaveURL(new RegExp(`/leads/${b}$`));
  // Its own two calls and the first phone's one, under one header row.
  await expect(page.getByRole("region", { name: "Calls" }).getByRole("row")).toHaveCount(4);
  await page.goto(`/leads/${a}`);
  await expect(page.getByText(`Merged as a duplicate into lead #${b}`)).toBeVisible();
  await expect(page.getByRole("link", { name: `lead #${b}` })).toBeVisible();
});

test("the lead page lists duplicates with their reasons and passes axe", async ({ page, signInAs }) => {
  const name = uniqueName("Twin");
  await signInAs("coordinator");
  const call = (phone: string) => ({
    direction: "inbound",
    otherNumber: phone,
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    durationSeconds: 60,
    outcome: "connected",
    callerName: name,
  });
  const a = (await api<{ lead: { id: number } }>(page, "call.log", call(uniquePhone().national))).lead.id;
  const b = (await api<{ lead: { id: number } }>(page, "call.log", call(uniquePhone().national))).lead.id;
  const email = `${name.replace(/\W+/g, ".").toLowerCase()}@example.com`;
  await api(page, "lead.update", { id: a, email });
  await api(page, "lead.update", { id: b, email });
  await page.goto(`/leads/${a}`);
  const candidates = page.getByRole("region", { name: "Possible duplicate" });
  await expect(candidates).toContainText("Same email");
  await expect(candidates.getByRole("link", { name, exact: true })).toHaveAttribute("href", `/leads/${b}`);
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

// What a role may not do is neither shown nor allowed: the browser hides it, the server refuses it.
import { request as playwrightRequest } from "@playwright/test";
import { API_HEADERS, DEMO_PASSWORD, expect, test, uniquePhone } from "../fixtures.ts";

function validCall() {
  return {
    direction: "inbound",
    otherNumber: uniquePhone().national,
    startedAt: new Date().toISOString(),
    durationSeconds: 95,
    outcome: "connected",
  };
}

test("a scheduler sees no Log a call anywhere, and the API refuses one", async ({ page, signInAs, callLogForm, baseURL }) => {
  await signInAs("scheduler");
  await expect(page.getByText("Sam Scheduler")).toBeVisible();
  await expect(page.getByText("Scheduler", { exact: true })).toBeVisible();

  for (const role of ["button", "link", "heading", "form"] as const) {
    await expect(page.getByRole(role, { name: /log a call/i })).toHaveCount(0);
  }
  await expect(page.getByText(/log a call/i)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Leads" })).toHaveCount(0);
  // The shortcut does nothing for this role either.
  await page.keyboard.press("n");
  await expect(callLogForm.form).toHaveCount(0);

  // page.request carries the scheduler's session cookie.
  // It carries the dashboard's CSRF header too, so the refusal below is about the role alone.
  const refused = await page.request.post("/trpc/call.log", { data: { json: validCall() }, headers: API_HEADERS });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Your role does not allow this");

  // The same request from a coordinator is accepted, so the 403 is about the role, not the payload.
  const coordinator = await playwrightRequest.newContext({ baseURL });
  try {
    const signedIn = await coordinator.post("/trpc/auth.signIn", {
      data: { json: { email: "coordinator@iris.test", password: DEMO_PASSWORD } },
      headers: API_HEADERS,
    });
    expect(signedIn.status()).toBe(200);
    const accepted = await coordinator.post("/trpc/call.log", { data: { json: validCall() }, headers: API_HEADERS });
    expect(accepted.status()).toBe(200);
  } finally {
    await coordinator.dispose();
  }
});

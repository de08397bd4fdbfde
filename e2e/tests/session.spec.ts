// When a session ends behind the screen's back, the next action lands on sign-in with the reason.
import { API_HEADERS, DEMO_PASSWORD, expect, test, unusedAdminCode, uniquePhone } from "../fixtures.ts";

test("signed out elsewhere, the screen says so at once, and sign-in leads back", async ({ page, signInAs, signInPage, callLogForm }) => {
  await signInAs("coordinator");
  await page.keyboard.press("n");
  await callLogForm.phone.fill(uniquePhone().national);
  await callLogForm.duration.fill("2:00");

  // Signing out through the API shares this browser's cookie jar, like signing out in another tab.
  const signOut = await page.request.post("/trpc/auth.signOut", { data: { json: null }, headers: API_HEADERS });
  expect(signOut.ok()).toBe(true);
  // The live stream closes with UNAUTHORIZED: no alert could reach this screen any more.
  await expect(page.getByRole("banner").getByRole("status")).toHaveText("Signed out: sign in to get alerts");
  await expect(callLogForm.duration).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in again" }).click();

  await expect(signInPage.heading).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(signInPage.notice).toHaveText(/sign in/i);

  await signInPage.signIn("coordinator@iris.test", "demo-password-1");
  await expect(page.getByRole("heading", { level: 1, name: "Intake desk" })).toBeVisible();
});

test("with the session cookie gone, the next request goes to sign-in with a message", async ({ page, signInAs, signInPage, leadsTable }) => {
  await signInAs("coordinator");
  await expect(leadsTable.rows.first()).toBeVisible();
  await page.context().clearCookies();
  await leadsTable.sortButton("Name").click();

  await expect(signInPage.heading).toBeVisible();
  await expect(signInPage.notice).toHaveText(/sign in/i);
  // Nothing of the leads that were on screen is left behind the sign-in form.
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("an administrator signs in only with the authenticator code, asked after the right password", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn("admin@iris.test", DEMO_PASSWORD);
  const code = page.getByLabel("Authentication code");
  await expect(code).toHaveAccessibleDescription(/Enter the 6-digit code from your authenticator app\./);
  await expect(code).toBeFocused();
  await code.fill("000000");
  await signInPage.submit.click();
  await expect(code).toHaveAccessibleDescription(/The authentication code is not right/);
  await page.getByLabel("Authentication code").fill(await unusedAdminCode());
  await signInPage.submit.click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

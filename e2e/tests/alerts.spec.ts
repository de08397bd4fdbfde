// Urgent alerts never fall silent: an idle clinician's screen says it is signed out the moment the
// session lapses (on a server of its own with a 15-second idle limit), and the coordinator's crisis
// panel gives the on-call number when no clinician is online.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, ON_CALL_TEST_PHONE, SignInPage, expect, test, uniqueName } from "../fixtures.ts";
import { InboxPage, LeadScreeningPanel, ScreeningPage, newLeadFromCall } from "../pages/handoffs.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A second server, beside the suite's, whose sessions end after 15 idle seconds. */
const SHORT_IDLE = { port: Number(process.env.E2E_PORT ?? 3100) + 50, idleMinutes: "0.25" };
let shortIdleServer: ChildProcess | null = null;
const shortIdleDb = join(tmpdir(), `intake-e2e-idle-${Date.now()}-${process.pid}.sqlite`);
const shortIdleUrl = (path: string) => `http://localhost:${SHORT_IDLE.port}${path}`;

test.describe("an idle clinician", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    shortIdleServer = spawn("pnpm", ["--filter", "@intake/server", "start"], {
      cwd: REPO_ROOT,
      // Its own process group, so stopping it stops the server under pnpm too.
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(SHORT_IDLE.port),
        INTAKE_DB: shortIdleDb,
        NODE_ENV: "test",
        DEMO_LEADS: "0",
        SESSION_IDLE_MINUTES: SHORT_IDLE.idleMinutes,
      },
    });
    for (let i = 0; i < 200; i++) {
      const up = await fetch(shortIdleUrl("/healthz")).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await sleep(500);
    }
    throw new Error("The short-idle server did not start.");
  });

  test.afterAll(() => {
    if (shortIdleServer?.pid) process.kill(-shortIdleServer.pid, "SIGTERM");
    for (const suffix of ["", "-wal", "-shm", ".keys"]) rmSync(`${shortIdleDb}${suffix}`, { force: true });
  });

  test("sees the signed-out state at expiry, everywhere on the screen, and comes back to the same page", async ({ page }) => {
    test.setTimeout(90_000);
    const signIn = new SignInPage(page);
    await page.goto(shortIdleUrl("/sign-in"));
    await signIn.signIn("clinician@iris.test", DEMO_PASSWORD);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.goto(shortIdleUrl("/inbox"));
    const inbox = new InboxPage(page);
    await expect(inbox.heading).toBeVisible();
    const indicator = page.getByRole("banner").getByRole("status");
    await expect(indicator).toHaveText("Updates live");

    // Nobody touches the screen. 15 idle seconds, then the server's next check (every 5 s) ends the stream.
    await expect(indicator).toHaveText("Signed out: sign in to get alerts", { timeout: 45_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Signed out" })).toBeVisible();
    await expect(page.getByText("no longer receives urgent alerts")).toBeVisible();
    // The inbox and its patients are no longer on screen; the address is the same; the tab says so.
    await expect(inbox.heading).toHaveCount(0);
    await expect(page).toHaveURL(shortIdleUrl("/inbox"));
    await expect(page).toHaveTitle("Signed out — Iris Intake");

    await page.getByRole("button", { name: "Sign in again" }).click();
    await expect(signIn.notice).toContainText("Sign in again to get alerts");
    await signIn.signIn("clinician@iris.test", DEMO_PASSWORD);
    await expect(inbox.heading).toBeVisible();
    await expect(page).toHaveURL(shortIdleUrl("/inbox"));
    await expect(indicator).toHaveText("Updates live");
  });
});

test("with no clinician online, the crisis panel gives the on-call number, and Complete stops promising an alert", async ({ page, signInAs }) => {
  test.slow();
  const name = uniqueName("Oncall");
  await signInAs("coordinator");
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  const screening = new ScreeningPage(page);
  await screening.radio("Who is calling?", "Patient").check();
  await screening.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
  await screening.radio(/better off dead/, "Several days").check();

  await expect(screening.crisis).toBeVisible();
  const onCall = page.getByText(/^No clinician is online to see the alert\. Call the on-call clinician now:/);
  await expect(onCall).toBeVisible();
  await expect(onCall.getByRole("link", { name: ON_CALL_TEST_PHONE })).toHaveAttribute("href", "tel:+18185550173");
  // The alert went out mid-call; nobody is told a clinician saw it.
  await expect(page.getByText(/^The alert is in the clinical pool as urgent, waiting for a clinician to sign in/)).toBeVisible();
  await expect(page.getByText(/A clinician has been alerted/)).toHaveCount(0);
  await expect(screening.complete).toHaveText("Complete screening");
});

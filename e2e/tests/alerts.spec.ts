// Urgent alerts never fall silent: an idle clinician's screen says it is signed out the moment the
// session lapses, and a dropped connection says it is reconnecting (both on a server of the test's
// own with a 15-second idle limit); the coordinator's crisis panel gives the on-call number when no
// clinician is online.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, ON_CALL_TEST_PHONE, SignInPage, expect, test, uniqueName } from "../fixtures.ts";
import { InboxPage, LeadScreeningPanel, ScreeningPage, newLeadFromCall, signInOn } from "../pages/handoffs.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A second server, beside the suite's, whose sessions end after 15 idle seconds; stopped and started again by the tests. */
const SHORT_IDLE = { port: Number(process.env.E2E_PORT ?? 3100) + 50, idleMinutes: "0.25" };
let ownServer: ChildProcess | null = null;
const ownDb = join(tmpdir(), `intake-e2e-idle-${Date.now()}-${process.pid}.sqlite`);
const ownUrl = (path: string) => `http://localhost:${SHORT_IDLE.port}${path}`;

async function startOwnServer(idleMinutes: string): Promise<void> {
  ownServer = spawn("pnpm", ["--filter", "@intake/server", "start"], {
    cwd: REPO_ROOT,
    // Its own process group, so stopping it stops the server under pnpm too.
    detached: true,
    stdio: "ignore",
    env: { ...process.env, PORT: String(SHORT_IDLE.port), INTAKE_DB: ownDb, NODE_ENV: "test", DEMO_LEADS: "0", SESSION_IDLE_MINUTES: idleMinutes },
  });
  for (let i = 0; i < 200; i++) {
    const up = await fetch(ownUrl("/healthz")).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await sleep(500);
  }
  throw new Error("The test's own server did not start.");
}

/** As a crash or a cut cable would: every connection drops at once. */
function killOwnServer(): void {
  if (ownServer?.pid) process.kill(-ownServer.pid, "SIGKILL");
  ownServer = null;
}

test.describe("on a server with a 15-second idle limit", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await startOwnServer(SHORT_IDLE.idleMinutes);
  });

  test.afterAll(() => {
    killOwnServer();
    for (const suffix of ["", "-wal", "-shm", ".keys"]) rmSync(`${ownDb}${suffix}`, { force: true });
  });

  test("sees the signed-out state at expiry, everywhere on the screen, and comes back to the same page", async ({ page }) => {
    test.setTimeout(90_000);
    const signIn = new SignInPage(page);
    await page.goto(ownUrl("/sign-in"));
    await signIn.signIn("clinician@iris.test", DEMO_PASSWORD);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.goto(ownUrl("/inbox"));
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
    await expect(page).toHaveURL(ownUrl("/inbox"));
    await expect(page).toHaveTitle("Signed out — Iris Intake");

    await page.getByRole("button", { name: "Sign in again" }).click();
    await expect(signIn.notice).toContainText("Sign in again to get alerts");
    await signIn.signIn("clinician@iris.test", DEMO_PASSWORD);
    await expect(inbox.heading).toBeVisible();
    await expect(page).toHaveURL(ownUrl("/inbox"));
    await expect(indicator).toHaveText("Updates live");
  });

  test("a dropped live connection says Reconnecting… until it is back", async ({ page }) => {
    test.setTimeout(90_000);
    const signIn = new SignInPage(page);
    await page.goto(ownUrl("/sign-in"));
    await signIn.signIn("clinician@iris.test", DEMO_PASSWORD);
    const indicator = page.getByRole("banner").getByRole("status");
    await expect(indicator).toHaveText("Updates live");

    killOwnServer();
    await expect(indicator).toHaveText("Reconnecting…", { timeout: 15_000 });
    // Back, with the usual idle limit so the wait for the restart does not end the session.
    await startOwnServer("15");
    await expect(indicator).toHaveText("Updates live", { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Signed out" })).toHaveCount(0);
  });
});

/** A coordinator logs a call and starts the screen; PHQ-9 item 9 above 0 makes it urgent mid-call. */
async function urgentMidCall(page: Page, name: string): Promise<ScreeningPage> {
  await newLeadFromCall(page, name);
  await new LeadScreeningPanel(page).screen.click();
  const screening = new ScreeningPage(page);
  await screening.radio("Who is calling?", "Patient").check();
  await screening.form.getByRole("checkbox", { name: "Offer PHQ-9" }).check();
  await screening.radio(/better off dead/, "Several days").check();
  return screening;
}

test("with no clinician online, the crisis panel gives the on-call number, and Complete stops promising an alert", async ({ page, signInAs }) => {
  test.slow();
  const name = uniqueName("Oncall");
  await signInAs("coordinator");
  const screening = await urgentMidCall(page, name);

  await expect(screening.crisis).toBeVisible();
  const onCall = page.getByText(/^No clinician is online to see the alert\. Call the on-call clinician now:/);
  await expect(onCall).toBeVisible();
  await expect(onCall.getByRole("link", { name: ON_CALL_TEST_PHONE })).toHaveAttribute("href", "tel:+18185550173");
  // The alert went out mid-call; nobody is told a clinician saw it.
  await expect(page.getByText(/^The alert is in the clinical pool as urgent, waiting for a clinician to sign in/)).toBeVisible();
  await expect(page.getByText(/A clinician has been alerted/)).toHaveCount(0);
  await expect(screening.complete).toHaveText("Complete screening");
});

test("an urgent alert reaches the clinician's open dashboard: tab title, sound and a notification naming no one, asked for only from the button", async ({
  browser,
  page,
  signInAs,
}) => {
  test.slow();
  const name = uniqueName("Notify");
  const clinicianContext = await browser.newContext();
  try {
    const clinician = await clinicianContext.newPage();
    // The browser's notification and audio are the outside world here: recorded, not shown or played.
    await clinician.addInitScript(() => {
      const record = { notifications: [] as { title: string; body: string }[], asked: 0, tones: 0 };
      Object.assign(window, { alertRecord: record });
      class RecordedNotification {
        static permission: NotificationPermission = "default";
        static requestPermission() {
          record.asked++;
          RecordedNotification.permission = "granted";
          return Promise.resolve(RecordedNotification.permission);
        }
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          record.notifications.push({ title, body: options?.body ?? "" });
        }
        close() {}
      }
      Object.assign(window, { Notification: RecordedNotification });
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
        record.tones++;
        return start.apply(this, args);
      };
    });
    type AlertRecord = { notifications: { title: string; body: string }[]; asked: number; tones: number };
    const recorded = () => clinician.evaluate(() => (window as unknown as { alertRecord: AlertRecord }).alertRecord);

    await signInOn(clinician, "clinician");
    const inbox = new InboxPage(clinician);
    await inbox.goto();
    // Never asked as the page opens: only when the clinician presses the button.
    expect((await recorded()).asked).toBe(0);
    await clinician.getByRole("button", { name: "Show desktop notifications for urgent alerts" }).click();
    await expect(clinician.getByText("Desktop notifications for urgent alerts are on.")).toBeVisible();
    expect((await recorded()).asked).toBe(1);
    await expect(clinician.getByRole("checkbox", { name: "Play a sound for urgent alerts" })).toBeChecked();
    const tonesBefore = (await recorded()).tones;

    await signInAs("coordinator");
    await urgentMidCall(page, name);
    await expect(page.getByText(/^A clinician has been alerted/)).toBeVisible();

    await expect(inbox.note(name)).toBeVisible({ timeout: 10_000 });
    await expect(inbox.unread.getByRole("article").first()).toHaveAccessibleName(new RegExp(name));
    await expect(inbox.note(name)).toBeInViewport();
    await expect(clinician).toHaveTitle(/^URGENT \(\d+\) — Iris Intake$/);
    await expect
      .poll(async () => (await recorded()).notifications)
      .toEqual([{ title: "Urgent: a caller needs a clinician now", body: "A screening raised a safety concern. Open Iris Intake to review it." }]);
    expect((await recorded()).tones).toBeGreaterThan(tonesBefore);
    expect(JSON.stringify(await recorded())).not.toContain(name);
  } finally {
    await clinicianContext.close();
  }
});

// Playwright against the real server (which serves the built dashboard) on a fresh database per run.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium.ts";
import { ON_CALL_TEST_PHONE, PUBLIC_BASE_URL, STAND_IN_EHR_PORT, STAND_IN_TWILIO_PORT, TWILIO_TEST_ACCOUNT_SID, TWILIO_TEST_AUTH_TOKEN } from "./fixtures.ts";

// Set once in the main process; workers and global teardown inherit it, so all agree on one file.
const database = (process.env.INTAKE_E2E_DB ??= join(tmpdir(), `intake-e2e-${Date.now()}-${process.pid}.sqlite`));

// Overridable so two suites (or a suite and a dev server) can run side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    // Deliberately not the clinic's zone: the dashboard must show clinic time whatever the browser's clock says.
    timezoneId: "Asia/Tokyo",
    locale: "en-US",
    viewport: { width: 1366, height: 900 },
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          // Debian's chromium where there is one (playwright install cannot download here); Playwright's own elsewhere.
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: {
    command: "pnpm --filter @intake/server start",
    url: `http://localhost:${PORT}/healthz`,
    env: {
      PORT: String(PORT),
      INTAKE_DB: database,
      NODE_ENV: "test",
      DEMO_LEADS: "300",
      // The server's log goes to a file the teardown searches for patient data.
      LOG_FILE: `${database}.log`,
      // The phone system's webhooks are refused without both; the tests sign theirs with the same token.
      TWILIO_AUTH_TOKEN: TWILIO_TEST_AUTH_TOKEN,
      PUBLIC_BASE_URL,
      // Texts go out through the provider's client to a stand-in of its Messages endpoint (tests/texts.spec.ts).
      TWILIO_ACCOUNT_SID: TWILIO_TEST_ACCOUNT_SID,
      TWILIO_API_BASE: `http://127.0.0.1:${STAND_IN_TWILIO_PORT}`,
      // "Send to EHR" posts here; tests/fhir.spec.ts runs the stand-in EHR that answers.
      FHIR_BASE_URL: `http://127.0.0.1:${STAND_IN_EHR_PORT}/fhir/R4`,
      // Shown in the crisis panel when no clinician is online (tests/alerts.spec.ts).
      ON_CALL_PHONE: ON_CALL_TEST_PHONE,
      // The demo's newest urgent handoff would escalate five minutes into the run and put a banner on
      // every coordinator's screen from then on; escalation is proven by the API tests.
      URGENT_ACK_MINUTES: "120",
      ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});

// Page objects for the dashboard (role and label locators only), signed-in users per role, unique test data.
import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

export { expect };

export const DEMO_PASSWORD = "demo-password-1";
/** The demo admin's authenticator secret (packages/db seed): admins sign in with a second factor. */
export const DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The code an authenticator app shows now (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits). */
export function authenticatorCode(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

const STEP_MS = 30_000;

/**
 * Where the run keeps the last 30-second step whose admin code it has typed. The server accepts each
 * code once, for the life of its database, and the specs run in worker processes of their own (one
 * at a time: playwright.config.ts has one worker), so the step lives in a file beside the run's
 * database (INTAKE_E2E_DB, set by the config for every worker) and global teardown removes it.
 */
export const usedStepFile = (database: string) => `${database}.totp-step`;

/**
 * The demo admin's code for a step no sign-in of this run has used. When this step's code has been
 * typed already, waits for the next step to begin (at most 30 s), as a person at the keyboard would,
 * and gives the running test that much longer.
 */
export async function unusedAdminCode(): Promise<string> {
  const database = process.env.INTAKE_E2E_DB;
  if (!database) throw new Error("INTAKE_E2E_DB is not set: run the suite through playwright.config.ts.");
  const file = usedStepFile(database);
  let used = Number.NaN;
  try {
    used = Number.parseInt(readFileSync(file, "utf8"), 10);
  } catch {
    // No admin has signed in yet in this run.
  }
  let step = Math.floor(Date.now() / STEP_MS);
  if (step <= used) {
    // Until a little past the next step's start, so that the server's clock has reached it too.
    const wait = Math.min((used + 1) * STEP_MS - Date.now(), STEP_MS) + 250;
    const info = base.info();
    if (info.timeout > 0) info.setTimeout(info.timeout + wait);
    await sleep(wait);
    step = Math.floor(Date.now() / STEP_MS);
    if (step <= used) throw new Error("The clock went back: the demo admin's next unused code is more than one step away.");
  }
  writeFileSync(file, String(step));
  return authenticatorCode(DEMO_ADMIN_TOTP_SECRET, step * STEP_MS);
}

/** What a role types to sign in: the demo password, and for the admin a code not used before. */
export async function credentialsFor(role: Role): Promise<{ email: string; password: string; code?: string }> {
  return {
    email: `${role}@iris.test`,
    password: DEMO_PASSWORD,
    ...(role === "admin" ? { code: await unusedAdminCode() } : {}),
  };
}
/** What the dashboard's API client sends with every request; the server refuses state changes without it (CSRF). */
export const API_HEADERS = { "x-intake-csrf": "1" } as const;
export type Role = "coordinator" | "scheduler" | "clinician" | "manager" | "admin";
/** The telephony account the test server trusts (playwright.config.ts passes both to it); pages/admin.ts signs with them. */
export const TWILIO_TEST_AUTH_TOKEN = "e2e0test0twilio0auth0token000032";
export const PUBLIC_BASE_URL = "https://intake.test";
/** Where the test server's FHIR_BASE_URL points: a stand-in EHR the FHIR spec listens with, next to the server's port. */
export const STAND_IN_EHR_PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
/** Where the test server's TWILIO_API_BASE points: a stand-in of Twilio's Messages endpoint the texting spec listens with. */
export const STAND_IN_TWILIO_PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
/** The telephony account texts are sent from (TWILIO_ACCOUNT_SID). */
export const TWILIO_TEST_ACCOUNT_SID = `AC${"e2e0".repeat(8)}`;
/** The on-call clinician's number the test server is given (ON_CALL_PHONE). */
export const ON_CALL_TEST_PHONE = "(818) 555-0173";

// ── Unique data ────────────────────────────────────────────────────────────────────────────────

/**
 * Area codes the demo seed never uses (it uses 818, 213, 310, 626 and 661), so a number made here is
 * never an existing lead's. 555-01xx is the range set aside for fiction.
 */
const FREE_AREA_CODES = ["747", "424", "323", "562", "909", "951", "949", "714", "805", "760"] as const;
const runStart = Date.now();
let made = 0;

export interface TestPhone {
  /** "(747) 555-0142", as the dashboard shows it. */
  national: string;
  /** "747.555.0142": the same number written another way. */
  dotted: string;
  e164: string;
}

/** A valid NANP number unique within this run (1,000 per run before any repeat). */
export function uniquePhone(): TestPhone {
  const n = runStart + made++;
  const area = FREE_AREA_CODES[n % FREE_AREA_CODES.length] ?? "747";
  const line = `01${String(Math.floor(n / FREE_AREA_CODES.length) % 100).padStart(2, "0")}`;
  return { national: `(${area}) 555-${line}`, dotted: `${area}.555.${line}`, e164: `+1${area}555${line}` };
}

/** A caller name no demo lead has, so a search or a heading finds exactly this test's lead. */
export function uniqueName(first: string): string {
  return `${first} Tester${(runStart + made++).toString(36).slice(-5)}`;
}

// ── Keyboard ───────────────────────────────────────────────────────────────────────────────────

/** Presses Tab until `target` has focus, as someone working without a mouse would. */
export async function tabUntilFocused(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target, `not reached with ${maxPresses} Tab presses`).toBeFocused();
}

// ── Page objects ───────────────────────────────────────────────────────────────────────────────

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** Why the person is here (session ended, signed out). */
  readonly notice: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sign in to Iris Intake" });
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.notice = page.getByRole("status");
    this.error = page.getByRole("alert");
  }

  async goto(): Promise<void> {
    await this.page.goto("/sign-in");
    await expect(this.heading).toBeVisible();
  }

  async signIn(email: string, password: string, code?: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    if (code) await this.page.getByLabel("Authentication code").fill(code);
    await this.submit.click();
  }
}

export class CallLogForm {
  readonly openButton: Locator;
  readonly form: Locator;
  readonly phone: Locator;
  readonly callerName: Locator;
  readonly outcome: Locator;
  readonly duration: Locator;
  readonly startedAt: Locator;
  readonly line: Locator;
  readonly notes: Locator;
  readonly save: Locator;
  /** The message shown once a call is saved. */
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole("button", { name: "Log a call" });
    this.form = page.getByRole("form", { name: "Log a call" });
    this.phone = this.form.getByLabel("Caller's phone");
    this.callerName = this.form.getByLabel("Caller's name");
    this.outcome = this.form.getByLabel("Outcome");
    this.duration = this.form.getByLabel("Duration");
    this.startedAt = this.form.getByLabel("Started at");
    this.line = this.form.getByLabel("Line");
    this.notes = this.form.getByLabel("Notes");
    this.save = this.form.getByRole("button", { name: "Save call" });
    this.confirmation = page.getByRole("status").filter({ hasText: "Call logged" });
  }

  direction(label: "Inbound" | "Outbound"): Locator {
    return this.form.getByRole("radio", { name: label });
  }

  /** The visible text of the line select's chosen option. */
  async chosenLine(): Promise<string | undefined> {
    return this.line.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? undefined);
  }
}

export class LeadsTable {
  readonly search: Locator;
  readonly status: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly nextPage: Locator;
  readonly previousPage: Locator;
  readonly position: Locator;
  /** "1 lead", "300 leads": the total of the search or filter shown. */
  readonly pagerCount: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByRole("searchbox", { name: "Search leads" });
    this.status = page.getByLabel("Status", { exact: true });
    this.table = page.getByRole("table", { name: "Leads" });
    // Body rows only: the header row holds column headers, not cells.
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.nextPage = page.getByRole("button", { name: "Next page" });
    this.previousPage = page.getByRole("button", { name: "Previous page" });
    this.position = page.getByText(/^Page \d+ of \d+$/);
    this.pagerCount = page.getByRole("navigation", { name: "Leads: pages" }).getByText(/^[\d,]+ leads?$/);
  }

  async goto(): Promise<void> {
    await this.page.goto("/leads");
    await expect(this.table).toBeVisible();
  }

  lead(name: string): Locator {
    return this.table.getByRole("link", { name });
  }

  sortButton(column: string): Locator {
    return this.table.getByRole("button", { name: column });
  }

  header(column: string): Locator {
    return this.table.getByRole("columnheader", { name: column });
  }
}

export class LeadPage {
  readonly statusActions: Locator;
  readonly history: Locator;
  readonly calls: Locator;
  readonly statusMessage: Locator;

  constructor(private readonly page: Page) {
    this.statusActions = page.getByRole("group", { name: "Change status" });
    this.history = page.getByRole("table", { name: "Status history" });
    this.calls = page.getByRole("table", { name: "Calls with this lead" });
    this.statusMessage = page.getByRole("status").filter({ hasText: "Status changed" });
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  transition(label: string): Locator {
    return this.statusActions.getByRole("button", { name: label });
  }

  historyRow(change: string): Locator {
    return this.history.getByRole("row", { name: new RegExp(change) });
  }
}

// ── Fixtures ───────────────────────────────────────────────────────────────────────────────────

interface Fixtures {
  signInPage: SignInPage;
  callLogForm: CallLogForm;
  leadsTable: LeadsTable;
  leadPage: LeadPage;
  /** Signs in as the demo user of a role and waits for the home screen. */
  signInAs: (role: Role) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  callLogForm: async ({ page }, use) => use(new CallLogForm(page)),
  leadsTable: async ({ page }, use) => use(new LeadsTable(page)),
  leadPage: async ({ page }, use) => use(new LeadPage(page)),
  signInAs: async ({ page, signInPage }, use) => {
    await use(async (role) => {
      await signInPage.goto();
      const c = await credentialsFor(role);
      await signInPage.signIn(c.email, c.password, c.code);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  },
});

// Page objects for the live calls strip, the audit report and the lines admin (role and label locators only),
// the phone system's signed webhooks, an API session per role, and the axe check these screens share.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { request as playwrightRequest, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import twilio from "twilio";
import { API_HEADERS, PUBLIC_BASE_URL, TWILIO_TEST_AUTH_TOKEN, credentialsFor, expect, type Role, type TestPhone } from "../fixtures.ts";

/** The clinic's listed line, (818) 805-2469: the one line every test database has. */
export const LISTED_LINE = "+18188052469";
const STATUS_PATH = "/webhooks/voice/status";

// ── The phone system ───────────────────────────────────────────────────────────────────────────

export type TwilioStatus = "ringing" | "in-progress" | "completed" | "no-answer" | "busy" | "failed" | "canceled";

/** Twilio's own status callback fields for one call, exactly as it posts them. */
function statusParams(sid: string, from: string, status: TwilioStatus, at: Date, extra: Record<string, string>): Record<string, string> {
  return {
    AccountSid: `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: sid,
    CallStatus: status,
    Direction: "inbound",
    From: from,
    To: LISTED_LINE,
    Timestamp: at.toUTCString(),
    ...extra,
  };
}

/**
 * Posts status callbacks as the provider does: form-encoded, signed by Twilio's own library over the
 * public URL and the parameters.
 */
export class PhoneSystem {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string | undefined,
  ) {}

  /** An inbound call from `from` to the listed line, with a fresh CallSid; it began ringing a minute ago unless told when. */
  incoming(from: TestPhone, startedAt = new Date(Date.now() - 60_000)): PhoneCall {
    return new PhoneCall(this, `CA${randomBytes(16).toString("hex")}`, from.e164, startedAt);
  }

  /** Sends the parameters with a signature (by default the right one); answers the HTTP status. */
  async post(params: Record<string, string>, opts: { signature?: string | null } = {}): Promise<number> {
    const signature = opts.signature === undefined ? sign(params) : opts.signature;
    const res = await this.request.post(`${this.baseURL ?? ""}${STATUS_PATH}`, {
      form: params,
      headers: signature === null ? {} : { "x-twilio-signature": signature },
    });
    return res.status();
  }
}

export function sign(params: Record<string, string>, opts: { token?: string; url?: string } = {}): string {
  return twilio.getExpectedTwilioSignature(opts.token ?? TWILIO_TEST_AUTH_TOKEN, opts.url ?? `${PUBLIC_BASE_URL}${STATUS_PATH}`, params);
}

export class PhoneCall {
  constructor(
    private readonly phone: PhoneSystem,
    readonly sid: string,
    readonly from: string,
    /** When it started ringing: in the past, so the times the tests choose for later statuses are too. */
    readonly startedAt: Date,
  ) {}

  params(status: TwilioStatus, opts: { afterSeconds?: number; extra?: Record<string, string> } = {}): Record<string, string> {
    const at = new Date(this.startedAt.getTime() + (opts.afterSeconds ?? 0) * 1000);
    return statusParams(this.sid, this.from, status, at, opts.extra ?? {});
  }

  /** Reports a status `afterSeconds` after the call began ringing; answers the HTTP status (204 when recorded). */
  report(status: TwilioStatus, opts: { afterSeconds?: number; extra?: Record<string, string> } = {}): Promise<number> {
    return this.phone.post(this.params(status, opts));
  }
}

/**
 * The dashboard's live stream opens once the screen has loaded; a call reported before then would be
 * read with the first list or not at all. Start this before the page loads, await it before posting.
 */
export function liveStreamOpened(page: Page): Promise<unknown> {
  return page.waitForResponse((res) => res.url().includes("/trpc/call.onLive") && res.status() === 200);
}

// ── The API as one role, for making data and for checking refusals ─────────────────────────────

export class ApiSession {
  private constructor(
    private readonly api: APIRequestContext,
    readonly userId: number,
  ) {}

  static async signIn(baseURL: string | undefined, role: Role): Promise<ApiSession> {
    const api = await playwrightRequest.newContext({ baseURL });
    const res = await api.post("/trpc/auth.signIn", { data: { json: await credentialsFor(role) }, headers: API_HEADERS });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { id: number } } } };
    return new ApiSession(api, body.result.data.json.id);
  }

  /** Any procedure (queries go as POST too, as the dashboard sends them); answers the status and the result. */
  async send<T>(path: string, input: unknown): Promise<{ status: number; data: T | undefined }> {
    const res = await this.api.post(`/trpc/${path}`, { data: { json: input }, headers: API_HEADERS });
    const body = (await res.json()) as { result?: { data?: { json?: T } } };
    return { status: res.status(), data: body.result?.data?.json };
  }

  async call<T>(path: string, input: unknown): Promise<T> {
    const { status, data } = await this.send<T>(path, input);
    expect(status, path).toBe(200);
    return data as T;
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }
}

// ── Page objects ───────────────────────────────────────────────────────────────────────────────

/** The coordinator's live calls strip at the top of every page. */
export class LiveCalls {
  readonly region: Locator;
  readonly form: Locator;
  readonly callerName: Locator;
  readonly notes: Locator;
  readonly save: Locator;
  readonly confirmation: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole("region", { name: "Live calls" });
    this.form = this.region.getByRole("form", { name: /^Complete the call from/ });
    this.callerName = this.form.getByLabel("Caller's name");
    this.notes = this.form.getByLabel("Notes");
    this.save = this.form.getByRole("button", { name: "Save call" });
    this.confirmation = this.region.getByRole("status").filter({ hasText: "Call completed" });
  }

  /** The strip's entry for a call from this number, in the words it is shown with ("Incoming call from …"). */
  item(phone: TestPhone, state: "Incoming call from" | "Call in progress with" | "Call ended — complete the record"): Locator {
    return this.region.getByRole("listitem").filter({ hasText: state }).filter({ hasText: phone.national });
  }

  /** What the strip says about the live calls it does not list. */
  get notShown(): Locator {
    return this.region.getByText(/^…and \d+ more calls? not shown\.$/);
  }

  /** Any entry for this number, whatever its state. */
  anyItem(phone: TestPhone): Locator {
    return this.page.getByRole("listitem").filter({ hasText: phone.national });
  }

  completeButton(phone: TestPhone): Locator {
    return this.item(phone, "Call ended — complete the record").getByRole("button", { name: /^Complete/ });
  }
}

export class AuditReport {
  readonly filters: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly userId: Locator;
  readonly recordType: Locator;
  readonly recordId: Locator;
  readonly action: Locator;
  readonly apply: Locator;
  readonly clear: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly exportCsv: Locator;
  readonly exported: Locator;

  constructor(private readonly page: Page) {
    this.filters = page.getByRole("search", { name: "Filter the audit trail" });
    this.from = this.filters.getByLabel("From");
    this.to = this.filters.getByLabel("To", { exact: true });
    this.userId = this.filters.getByLabel("User id");
    this.recordType = this.filters.getByLabel("Record type");
    this.recordId = this.filters.getByLabel("Record id");
    this.action = this.filters.getByLabel("Action");
    this.apply = this.filters.getByRole("button", { name: "Apply filters" });
    this.clear = this.filters.getByRole("button", { name: "Clear filters" });
    this.table = page.getByRole("table", { name: "Audit entries" });
    // Body rows only: the header row holds column headers, not cells.
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.exportCsv = page.getByRole("button", { name: "Export CSV" });
    this.exported = page.getByRole("status").filter({ hasText: /^Exported/ });
  }

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Audit trail" });
  }

  sortByTime(): Locator {
    return this.table.getByRole("button", { name: "Time (Pacific)" });
  }

  /** Rows by the action in words, exactly: "Opened a lead" is not "Opened a lead's screening". */
  row(action: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("cell").getByText(action, { exact: true }) });
  }
}

export class LinesAdmin {
  readonly table: Locator;
  readonly rows: Locator;
  readonly form: Locator;
  readonly number: Locator;
  readonly label: Locator;
  readonly source: Locator;
  readonly secretRef: Locator;
  readonly add: Locator;
  readonly added: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole("table", { name: "Phone lines" });
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.form = page.getByRole("form", { name: "Add line" });
    this.number = this.form.getByLabel("Number");
    this.label = this.form.getByLabel("Label");
    this.source = this.form.getByLabel("Source");
    this.secretRef = this.form.getByLabel("Webhook secret reference");
    this.add = this.form.getByRole("button", { name: "Add line" });
    this.added = page.getByRole("status").filter({ hasText: "Line added" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/admin/lines");
    await expect(this.page.getByRole("heading", { level: 1, name: "Phone lines" })).toBeVisible();
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }
}

// ── Accessibility ──────────────────────────────────────────────────────────────────────────────

/** axe with WCAG 2.0/2.1 A and AA (colour contrast included): no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  expect(summary).toEqual([]);
}

// Page objects for scheduling and the work queue (role and label locators only), and the desk's API for test data.
import { exampleEligibleAnswers } from "@intake/domain";
import { request as playwrightRequest, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { API_HEADERS, DEMO_PASSWORD, expect, uniqueName, uniquePhone, type TestPhone } from "../fixtures.ts";

// ── Test data through the API, as the coordinator would make it ────────────────────────────────

export interface TestLead {
  id: number;
  name: string;
  phone: TestPhone;
}

/** The coordinator's own API session, apart from the browser's, for making data a test needs. */
export class DeskApi {
  private constructor(private readonly api: APIRequestContext) {}

  static async signIn(baseURL: string | undefined, role: "coordinator" | "scheduler" = "coordinator"): Promise<DeskApi> {
    const api = await playwrightRequest.newContext({ baseURL });
    const signedIn = await api.post("/trpc/auth.signIn", { data: { json: { email: `${role}@iris.test`, password: DEMO_PASSWORD } }, headers: API_HEADERS });
    expect(signedIn.status()).toBe(200);
    return new DeskApi(api);
  }

  async call<T>(path: string, input: unknown): Promise<T> {
    const res = await this.api.post(`/trpc/${path}`, { data: { json: input }, headers: API_HEADERS });
    const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
    expect(res.status(), `${path}: ${JSON.stringify(body.error ?? null)}`).toBe(200);
    return body.result?.data?.json as T;
  }

  /** A connected inbound call from a new number: a lead in Contacting. */
  async newLead(first: string): Promise<TestLead> {
    const name = uniqueName(first);
    const phone = uniquePhone();
    const logged = await this.call<{ lead: { id: number } }>("call.log", {
      direction: "inbound",
      otherNumber: phone.national,
      startedAt: new Date().toISOString(),
      durationSeconds: 240,
      outcome: "connected",
      callerName: name,
    });
    return { id: logged.lead.id, name, phone };
  }

  /** A lead screened eligible and not handed on yet: the work queue's newest lead ready to hand off. */
  async eligibleLead(first: string): Promise<TestLead> {
    const lead = await this.newLead(first);
    const screening = await this.call<{ id: number }>("screening.start", { leadId: lead.id });
    await this.call("screening.save", { id: screening.id, answers: exampleEligibleAnswers(lead.name) });
    await this.call("screening.complete", { id: screening.id });
    return lead;
  }

  /** A lead screened eligible and handed to scheduling: the scheduling queue's newest entry. */
  async handedOffLead(first: string): Promise<TestLead> {
    const lead = await this.eligibleLead(first);
    await this.call("handoff.create", {
      leadId: lead.id,
      to: "scheduling",
      situation: "Eligible caller ready to book a consult.",
      background: "Chronic lower back pain for 30 months; physical therapy helped partly.",
      recommendation: "Book a consult; mornings suit the patient best.",
    });
    return lead;
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }
}

// ── Page objects ───────────────────────────────────────────────────────────────────────────────

export class SchedulingQueue {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly nextPage: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Scheduling queue" });
    this.table = page.getByRole("table", { name: "Scheduling queue" });
    this.rows = this.table.getByRole("row").filter({ has: page.getByRole("cell") });
    this.nextPage = page.getByRole("button", { name: "Next page" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/scheduling");
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("link", { name }) });
  }

  lead(name: string): Locator {
    return this.table.getByRole("link", { name });
  }
}

export class LeadScheduling {
  readonly bookingForm: Locator;
  readonly kind: Locator;
  readonly day: Locator;
  readonly startTime: Locator;
  readonly clinician: Locator;
  readonly length: Locator;
  readonly busyTimes: Locator;
  readonly appointments: Locator;
  readonly checklist: Locator;
  readonly course: Locator;
  readonly confirmation: Locator;

  constructor(private readonly page: Page) {
    this.bookingForm = page.getByRole("form", { name: "Book an appointment" });
    this.kind = this.bookingForm.getByLabel("Appointment");
    this.day = this.bookingForm.getByLabel("Day");
    this.startTime = this.bookingForm.getByLabel("Start time");
    this.clinician = this.bookingForm.getByLabel("Clinician");
    this.length = this.bookingForm.getByLabel("Length (minutes)");
    this.busyTimes = this.bookingForm.getByRole("list", { name: "Already booked (clinic time)" });
    this.appointments = page.getByRole("region", { name: "Appointments" });
    this.checklist = page.getByRole("region", { name: "Pre-treatment checklist" });
    this.course = page.getByRole("region", { name: "Treatment course" });
    this.confirmation = page.getByRole("status").filter({ hasText: /booked|moved|cancelled|recorded|marked|started|waived/i });
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }

  /** The lead's status beside the heading ("Status: Scheduled" to a screen reader). */
  status(label: string): Locator {
    return this.page.getByText(new RegExp(`^Status:\\s*${label}$`));
  }

  book(kindLabel = "consultation"): Locator {
    return this.bookingForm.getByRole("button", { name: `Book ${kindLabel}` });
  }

  appointment(text: string | RegExp): Locator {
    return this.appointments.getByRole("article").filter({ hasText: text });
  }
}

export class WorkQueue {
  readonly region: Locator;
  readonly confirmation: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole("region", { name: "Work queue" });
    this.confirmation = this.region.getByRole("status");
  }

  item(leadName: string): Locator {
    return this.region.getByRole("listitem").filter({ has: this.page.getByRole("link", { name: leadName }) });
  }

  group(heading: string | RegExp): Locator {
    return this.region.getByRole("region", { name: heading });
  }

  /** A group shows its oldest items first; this opens the rest (when there are more). */
  async showAll(group: Locator): Promise<void> {
    const more = group.getByRole("button", { name: /^Show all/ });
    if (await more.isVisible()) await more.click();
  }
}

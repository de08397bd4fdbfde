// Every procedure's answer over HTTP, walked key by key: nothing internal leaves the server (blind
// indexes, hashes, key ids, secrets). Each procedure is called as a role that may call it, on data
// the desk would have made; a procedure added to the router without being called here fails the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, IntakeEvents, recordProviderCall } from "@intake/api";
import { clinicDate, exampleEligibleAnswers, LISTED_LINE_E164 } from "@intake/domain";
import { startStandInEhr, type StandInEhr } from "@intake/api/testing/ehr";
import { ok, startServer, type Call, type TestServer } from "./testing/http.ts";
import { startStandInTwilio, TEST_ACCOUNT_SID, type StandInTwilio } from "./testing/twilioApi.ts";
import { deliverSigned, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from "./testing/twilioCallbacks.ts";
import { TWILIO_SMS_INBOUND_PATH } from "./webhooks/twilio.ts";

/** Key names that mark something internal: a blind index, a hash, a key id, a secret or what derives one. */
const INTERNAL_KEY = /index$|hash|keyid|secret|salt|password|totp|cipher/i;
/** Keys that match the pattern yet are not internal, each with the reason. */
const ALLOWED_KEYS: Record<string, string> = {
  // The name of the environment variable that holds a line's webhook secret, never the secret itself.
  webhookSecretRef: "names a setting, holds no secret",
};

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

let server: TestServer;
let ehr: StandInEhr;
let twilioApi: StandInTwilio;
const called = new Set<string>();
const answers: { path: string; data: unknown }[] = [];

function record(path: string, data: unknown) {
  called.add(path);
  answers.push({ path, data });
}

/** Calls a procedure that must succeed and keeps its answer for the walk. */
async function as<T = Record<string, unknown>>(caller: Call, path: string, input?: unknown): Promise<T> {
  const data = await ok<T>(caller(path, input), path);
  record(path, data);
  return data;
}

/** Every key anywhere in an answer, with where it sits. */
function keysOf(value: unknown, at: string, out: { key: string; at: string }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => keysOf(v, `${at}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      out.push({ key, at: `${at}.${key}` });
      keysOf(v, `${at}.${key}`, out);
    }
  }
  return out;
}

const hours = (n: number) => n * 3_600_000;

beforeAll(async () => {
  ehr = await startStandInEhr();
  twilioApi = await startStandInTwilio(TEST_AUTH_TOKEN);
  server = await startServer({
    fhirBaseUrl: ehr.url,
    telephony: { authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL, accountSid: TEST_ACCOUNT_SID, apiBase: twilioApi.url },
  });
  const now = () => server.clock.now;
  let [c, s, k] = await Promise.all([server.signIn("coordinator@iris.test"), server.signIn("scheduler@iris.test"), server.signIn("clinician@iris.test")]);
  record("auth.signIn", c.signedIn.data);

  // The desk: calls, leads, screens, handoffs, tasks.
  await as(c, "auth.me");
  await as(c, "line.list");
  const logCall = async (name: string, last4: string) =>
    (
      await as<{ lead: { id: number } }>(c, "call.log", {
        direction: "inbound",
        otherNumber: `(626) 555-${last4}`,
        startedAt: now(),
        durationSeconds: 420,
        outcome: "connected",
        callerName: name,
        notes: "Asked about TMS for back pain",
      })
    ).lead.id;
  const ana = await logCall("Ana Eligible", "0101");
  const fred = await logCall("Fred Flagged", "0102");
  const uma = await logCall("Uma Urgent", "0103");
  const xavi = await logCall("Xavier Extra", "0104");
  await as(c, "call.list", { page: 1, perPage: 50 });
  await as(c, "lead.list", { page: 1, perPage: 50, search: "0101" });
  await as(c, "lead.byId", { id: ana });
  await as(c, "lead.update", { id: ana, email: "ana@example.com", relation: "self" });
  await as(c, "lead.transition", { id: xavi, to: "closed", reason: "cost" });
  // Referring providers, a referral, and a duplicate folded into the lead it repeats.
  const doc = await as<{ id: number }>(s, "referrer.create", {
    name: "Dr. Lena Ortiz",
    npi: "1234567893",
    practice: "Valley Pain Clinic",
    fax: "(818) 555-0171",
  });
  await as(c, "referrer.update", { id: doc.id, phone: "(818) 555-0170" });
  await as(c, "referrer.list", { search: "Ortiz" });
  await as(c, "referrer.byId", { id: doc.id });
  await as(c, "lead.update", { id: ana, referrerId: doc.id, mayUpdateReferrer: true });
  const dup = await logCall("Xavier Again", "0105");
  await as(c, "lead.update", { id: dup, email: "xavi@example.com" });
  await as(c, "lead.update", { id: xavi, email: "xavi@example.com" });
  await as(c, "lead.duplicates", { leadId: xavi });
  await as(c, "lead.merge", { survivorId: xavi, mergedId: dup, reason: "Same caller from a second phone" });

  const screen = async (leadId: number, answers: unknown) => {
    const started = await as<{ id: number }>(c, "screening.start", { leadId });
    await as(c, "screening.save", { id: started.id, answers });
    return started.id;
  };
  await as(c, "screening.complete", { id: await screen(ana, exampleEligibleAnswers("Ana Eligible")) });
  const flagged = exampleEligibleAnswers("Fred Flagged");
  flagged.safety.bodyImplants = ["pacemaker"];
  await as(c, "screening.complete", { id: await screen(fred, flagged) });
  await as(c, "screening.escalate", { id: await screen(uma, { caller: { relation: "self" }, wellbeing: { safetyConcern: true } }) });
  await as(c, "screening.byLead", { leadId: ana });
  await as(c, "handoff.clinicians");
  const sbar = { situation: "Chronic low back pain", background: "PT with partial relief", recommendation: "Book a consult" };
  const toScheduling = await as<{ id: number }>(c, "handoff.create", { leadId: ana, to: "scheduling", ...sbar });
  const toPool = await as<{ id: number }>(c, "handoff.create", { leadId: fred, to: "clinical_pool", ...sbar });
  const task = await as<{ id: number }>(c, "task.create", { leadId: xavi, kind: "callback", dueAt: new Date(now().getTime() + hours(2)) });
  await as(c, "task.list", {});
  await as(c, "task.complete", { id: task.id, note: "Left a voicemail" });
  await as(c, "workQueue.get");

  // A call the phone system logged, which the coordinator completes.
  const events = new IntakeEvents();
  const providerCall = {
    provider: "twilio",
    providerCallId: "CA-answers-1",
    direction: "inbound",
    lineNumber: LISTED_LINE_E164,
    otherNumber: "+16265550199",
  } as const;
  recordProviderCall(server.db, { ...providerCall, status: "ringing", at: now() }, now(), events);
  await as(c, "call.live");
  recordProviderCall(server.db, { ...providerCall, status: "completed", at: now(), durationSeconds: 95 }, now(), events);
  const live = await as<{ id: number }[] | { items?: { id: number }[]; awaiting?: { id: number }[] }>(c, "call.live");
  const pending = JSON.stringify(live).match(/"id":(\d+)/);
  await as(c, "call.complete", { id: Number(pending![1]), notes: "Wants a callback tomorrow", callerName: "Paul Provider" });

  // The clinician reviews the flagged lead and takes the urgent one.
  const inbox = await as<{ unread: { id: number; leadId: number }[] }>(k, "handoff.inbox");
  await as(k, "handoff.byId", { id: toPool.id });
  await as(k, "screening.byLead", { leadId: fred });
  await as(k, "clinician.review", { leadId: fred, decision: "clear", note: "Pacemaker is MR-conditional; fine for TMS" });
  await as(k, "clinician.notes", { id: fred });
  await as(k, "handoff.acknowledge", { id: inbox.unread.find((h) => h.leadId === uma)!.id });

  // Scheduling books Ana's consult with the clinician, moves it, cancels, books again.
  await as(s, "handoff.inbox");
  await as(s, "handoff.byId", { id: toScheduling.id });
  await as(s, "handoff.acknowledge", { id: toScheduling.id });
  await as(s, "scheduling.queue", {});
  await as(s, "scheduling.lead", { leadId: ana });
  const clinicians = await as<{ id: number; name: string }[]>(s, "appointment.clinicians");
  const clinicianId = clinicians.find((x) => x.name === "Dr. Chris Clinician")!.id;
  const startsAt = new Date(now().getTime() + 2 * 86_400_000);
  startsAt.setUTCHours(17, 0, 0, 0);
  const window = { from: new Date(startsAt.getTime() - 86_400_000), to: new Date(startsAt.getTime() + 86_400_000) };
  await as(s, "appointment.busy", { clinicianId, ...window });
  const first = await as<{ id: number }>(s, "appointment.book", { leadId: ana, kind: "consult", startsAt, clinicianId });
  await as(s, "appointment.reschedule", { id: first.id, startsAt: new Date(startsAt.getTime() + hours(1)), reason: "Patient asked for later" });
  await as(s, "appointment.cancel", { id: first.id, reason: "Patient is travelling" });
  const consult = await as<{ id: number }>(s, "appointment.book", { leadId: ana, kind: "consult", startsAt, clinicianId });
  await as(s, "appointment.byLead", { leadId: ana });
  await as(s, "appointment.list", { ...window, page: 1, perPage: 20 });
  await as(s, "appointment.ics", { id: consult.id });
  await as(s, "referrer.letter", { leadId: ana, kind: "acknowledgement" });
  const today = clinicDate(now());
  await as(s, "checklist.update", { leadId: ana, item: "physical_exam", status: "done", on: today });
  await as(s, "checklist.update", { leadId: ana, item: "lab_tests", status: "done", on: today });
  await as(k, "checklist.waive", { leadId: ana, item: "psych_eval", note: "Evaluated by her psychiatrist last month" });
  await as(s, "checklist.byLead", { leadId: ana });
  // The EHR export: downloaded, sent to a stand-in EHR, and the last answer read back.
  await as(s, "fhir.bundle", { leadId: ana });
  await as(s, "fhir.send", { leadId: ana });
  await as(s, "fhir.status", { leadId: ana });
  expect(ehr.received).toHaveLength(1);

  // After the consult: the outcome, then the treatment course. Sessions lapse over three days.
  server.clock.advanceDays(3);
  [c, s, k] = await Promise.all([server.signIn("coordinator@iris.test"), server.signIn("scheduler@iris.test"), server.signIn("clinician@iris.test")]);
  await as(k, "appointment.recordOutcome", { id: consult.id, outcome: "attended" });
  await as(s, "course.start", { leadId: ana, plannedSessions: 30 });
  await as(s, "course.recordSession", { leadId: ana });
  await as(s, "course.byLead", { leadId: ana });

  // Managers' figures and the audit trail; an admin adds a line.
  const m = await server.signIn("manager@iris.test");
  const range = { from: clinicDate(new Date(now().getTime() - 30 * 86_400_000)), to: clinicDate(new Date(now().getTime() + 86_400_000)) };
  await as(m, "funnel.get", range);
  await as(m, "funnel.leads", { ...range, stage: "consulted", page: 1, perPage: 20 });
  await as(m, "report.byCoordinator", range);
  await as(m, "report.bySource", range);
  await as(m, "report.byLine", range);
  await as(m, "report.byLanguage", range);
  await as(m, "report.byReferrer", range);
  await as(m, "report.byChannel", range);
  await as(m, "report.byCampaign", range);
  await as(m, "audit.list", { page: 1, perPage: 200 });
  await as(m, "audit.export", {});
  await as(m, "handoff.escalations");
  await as(c, "handoff.clinicalCoverage");
  const admin = await server.signIn("admin@iris.test");
  record("auth.signIn", admin.signedIn.data);
  const radio = await as<{ id: number }>(admin, "line.create", { number: "(818) 555-0150", label: "Radio ad line", source: "Radio" });
  await as(admin, "line.update", { id: radio.id, smsEnabled: true });

  // The clinic's answers and the form in Spanish.
  await as(c, "faq.list", { language: "es" });
  await as(c, "screening.form", { language: "es" });
  await as(admin, "faq.update", { id: "how-long", language: "en", question: "How long is the therapy?", answer: "Most people have 25 to 30 sessions." });
  await as(admin, "faq.history", { id: "how-long" });
  await as(k, "faq.approve", { id: "is-it-safe" });

  // Texts: the listed line texts; Ana opts in by replying START (which also puts a reply within 15 minutes, whatever the hour).
  server.db.$client.prepare("update line set sms_enabled = 1 where number = ?").run(LISTED_LINE_E164);
  const start = { MessageSid: `SM${"a".repeat(32)}`, AccountSid: TEST_ACCOUNT_SID, From: "+16265550101", To: LISTED_LINE_E164, Body: "START" };
  expect((await deliverSigned(server.base, TWILIO_SMS_INBOUND_PATH, start)).status).toBe(200);
  await as(c, "message.templates");
  await as(c, "message.send", { leadId: ana, body: "Please call the clinic back." });
  await as(c, "message.sendTemplate", { leadId: ana, template: "follow_up" });
  await as(c, "message.thread", { leadId: ana });
  expect(twilioApi.sent).toHaveLength(2);

  // Live streams: their first event.
  for (const [caller, path] of [
    [c, "message.onInbox"],
    [c, "call.onLive"],
    [c, "workQueue.onChange"],
    [k, "handoff.onInbox"],
  ] as const) {
    record(path, await caller.firstEvent(path));
  }
  await as(m, "auth.signOut");
}, 60_000);
afterAll(() => Promise.all([server.close(), ehr.close(), twilioApi.close()]));

describe("answers carry no internal fields", () => {
  it("calls every procedure of the router (a new one must be added here)", () => {
    expect(procedures.filter((p) => !called.has(p))).toEqual([]);
  });

  it("no key anywhere in any answer names a blind index, hash, key id or secret", () => {
    const found = answers.flatMap(({ path, data }) => keysOf(data, path).filter(({ key }) => INTERNAL_KEY.test(key) && !Object.hasOwn(ALLOWED_KEYS, key)));
    expect(found.map((f) => f.at)).toEqual([]);
  });

  it("no answer holds a stored blind index, password hash or authenticator secret, under any name", () => {
    const client = server.db.$client;
    const stored = [
      ...(client.prepare("select phone_index, phone_last7_index, phone_last4_index from lead").raw().all() as string[][]).flat(),
      ...(client.prepare("select other_number_index from call").pluck().all() as string[]),
      ...(client.prepare("select email_index from lead where email_index is not null").pluck().all() as string[]),
      ...(client.prepare("select password_hash from user").pluck().all() as string[]),
      ...(client.prepare("select totp_secret from user where totp_secret is not null").pluck().all() as string[]),
    ];
    expect(stored.length).toBeGreaterThan(10);
    const text = JSON.stringify(answers);
    expect(stored.filter((value) => text.includes(value))).toEqual([]);
  });
});

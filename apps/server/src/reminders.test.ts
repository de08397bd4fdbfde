// Consult reminders by text through the real server: stored with the booking, sent by the server's
// own loop once due (across a restart, and with two servers on one database: once), answered by C and
// R, moved and cancelled with the consult; and the missed-call text-back.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { LISTED_LINE_E164 } from "@intake/domain";
import { buildApp } from "./app.ts";
import { sessionCookie } from "./testing/http.ts";
import { startStandInTwilio, TEST_ACCOUNT_SID, type StandInTwilio } from "./testing/twilioApi.ts";
import { deliverCallback, deliverSigned, newSid, statusParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from "./testing/twilioCallbacks.ts";
import { TWILIO_SMS_INBOUND_PATH } from "./webhooks/twilio.ts";

let dir: string;
let path: string;
let twilioApi: StandInTwilio;
/** One clock for every server of the test: 10:00 am on Wednesday, November 25 2026, in the clinic. */
const clock = { now: new Date("2026-11-25T18:00:00Z") };
const PHONE = "+13235550140";

type App = Awaited<ReturnType<typeof buildApp>>;
interface Running {
  app: App;
  db: Db & OpenedDb;
  reads: Db & OpenedDb;
  base: string;
}

async function start(reminderCheckMs: number | false): Promise<Running> {
  const db = openDb({ path });
  seedBase(db);
  // As the server runs: requests and loops read on a read-only connection, so a write anywhere but
  // through the writer would fail here.
  const reads = openDb({ path, migrate: false, readonly: true });
  const app = await buildApp({
    db,
    reads,
    webDist: join(dir, "none"),
    now: () => clock.now,
    alertCheckMs: false,
    reminderCheckMs,
    telephony: { authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL, accountSid: TEST_ACCOUNT_SID, apiBase: twilioApi.url },
  });
  return { app, db, reads, base: await app.listen({ port: 0, host: "127.0.0.1" }) };
}
async function stop(r: Running) {
  await r.app.close();
  r.reads.$client.close();
  r.db.$client.close();
}

async function rpc<T>(base: string, cookie: string, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${base}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: { json: { message: string } } };
  if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}: ${body.error?.json.message}`);
  return body.result!.data!.json as T;
}

let seq = 0;
const text = (base: string, body: string) =>
  deliverSigned(base, TWILIO_SMS_INBOUND_PATH, {
    MessageSid: `SM${(++seq).toString(16).padStart(32, "c")}`,
    AccountSid: TEST_ACCOUNT_SID,
    From: PHONE,
    To: LISTED_LINE_E164,
    Body: body,
  });
const sentTo = () => twilioApi.sent.filter((s) => s.form.To === PHONE).map((s) => s.form.Body!);
async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 150; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const reminders = (db: Db) =>
  db.$client.prepare("select hours_before as h, status, due_at as dueAt from text_reminder order by id").all() as {
    h: number;
    status: string;
    dueAt: number;
  }[];

let leadId: number;
let consultId: number;
let clinicianId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-reminders-"));
  path = join(dir, "intake.sqlite");
  twilioApi = await startStandInTwilio(TEST_AUTH_TOKEN);
  const first = openDb({ path });
  seedBase(first);
  seedDemo(first, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 0 });
  first.$client.close();
});
afterAll(async () => {
  await twilioApi.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("consult reminders", () => {
  it("are stored with the booking and sent once by the server's loop, across a restart and with two servers on one database", async () => {
    const a = await start(false);
    const coordinator = await sessionCookie(a.base, "coordinator@iris.test");
    const scheduler = await sessionCookie(a.base, "scheduler@iris.test");
    const logged = await rpc<{ lead: { id: number } }>(a.base, coordinator, "call.log", {
      direction: "inbound",
      otherNumber: PHONE,
      startedAt: clock.now,
      durationSeconds: 300,
      outcome: "connected",
      callerName: "Rita Reminded",
    });
    leadId = logged.lead.id;
    expect((await text(a.base, "START")).status).toBe(200);
    a.db.$client.prepare("update lead set status = 'eligible' where id = ?").run(leadId);
    await rpc(a.base, coordinator, "handoff.create", { leadId, to: "scheduling", situation: "s", background: "b", recommendation: "r" });
    const clinicians = await rpc<{ id: number; name: string }[]>(a.base, scheduler, "appointment.clinicians", undefined);
    clinicianId = clinicians[0]!.id;
    // Friday 11:00 am in the clinic: reminders Wednesday 11:00 am (48 h) and Friday 9:00 am (2 h).
    const consult = await rpc<{ id: number }>(a.base, scheduler, "appointment.book", {
      leadId,
      kind: "consult",
      startsAt: new Date("2026-11-27T19:00:00Z"),
      clinicianId,
    });
    consultId = consult.id;
    expect(reminders(a.db)).toEqual([
      { h: 48, status: "pending", dueAt: Date.parse("2026-11-25T19:00:00Z") },
      { h: 2, status: "pending", dueAt: Date.parse("2026-11-27T17:00:00Z") },
    ]);
    await stop(a);

    // The server was down when the first fell due; two servers start on the database together.
    clock.now = new Date("2026-11-25T19:05:00Z");
    const before = sentTo().length;
    const [b, c] = await Promise.all([start(25), start(25)]);
    await waitFor(() => sentTo().length > before, "the 48-hour reminder");
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo().slice(before)).toEqual([
      "Iris Clinic: a reminder of your appointment on Friday, November 27 at 11:00 AM. Reply C to confirm or R to ask for another time. Reply STOP to opt out.",
    ]);
    await Promise.all([stop(b), stop(c)]);
    // Restarted again: nothing goes out twice.
    const d = await start(25);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo().length).toBe(before + 1);
    expect(reminders(d.db).map((r) => r.status)).toEqual(["sent", "pending"]);
    await stop(d);
  });

  it("C confirms the consult and thanks the caller; a move cancels pending reminders, plans new ones and clears the confirmation; a cancel cancels them", async () => {
    const e = await start(false);
    const scheduler = await sessionCookie(e.base, "scheduler@iris.test");
    const before = sentTo().length;
    expect((await text(e.base, "c")).status).toBe(200);
    await waitFor(() => sentTo().length > before, "the thank-you");
    expect(sentTo().at(-1)).toBe("Iris Clinic: thank you, your appointment on Friday, November 27 at 11:00 AM is confirmed.");
    const confirmed = () => e.db.$client.prepare("select confirmed_at from appointment where id = ?").pluck().get(consultId) as number | null;
    expect(confirmed()).toBe(clock.now.getTime());
    const byLead = await rpc<{ id: number; confirmedAt: string | null }[]>(e.base, scheduler, "appointment.byLead", { leadId });
    expect(byLead.find((x) => x.id === consultId)?.confirmedAt).toBe(clock.now.toISOString());

    await rpc(e.base, scheduler, "appointment.reschedule", { id: consultId, startsAt: new Date("2026-11-30T19:00:00Z"), reason: "Clinician away" });
    expect(confirmed()).toBeNull();
    expect(reminders(e.db).map((r) => `${r.h}:${r.status}`)).toEqual(["48:sent", "2:cancelled", "48:pending", "2:pending"]);
    await rpc(e.base, scheduler, "appointment.cancel", { id: consultId, reason: "Patient is travelling" });
    expect(reminders(e.db).map((r) => `${r.h}:${r.status}`)).toEqual(["48:sent", "2:cancelled", "48:cancelled", "2:cancelled"]);
    await stop(e);
  });

  it("R after a reminder opens a follow-up for the desk and tells the caller they will be called", async () => {
    const f = await start(25);
    const scheduler = await sessionCookie(f.base, "scheduler@iris.test");
    const booked = await rpc<{ id: number }>(f.base, scheduler, "appointment.book", {
      leadId,
      kind: "consult",
      startsAt: new Date("2026-11-28T19:00:00Z"),
      clinicianId,
    });
    const before = sentTo().length;
    clock.now = new Date("2026-11-26T19:01:00Z");
    await waitFor(() => sentTo().length > before, "the reminder of the new consult");
    expect((await text(f.base, "R")).status).toBe(200);
    await waitFor(() => sentTo().length > before + 1, "the answer to R");
    expect(sentTo().at(-1)).toMatch(/we will call you to find another time/);
    const tasks = f.db.$client.prepare("select kind, status, owner_id as ownerId from task where lead_id = ? and kind = 'follow_up'").all(leadId);
    expect(tasks).toEqual([{ kind: "follow_up", status: "open", ownerId: null }]);
    expect(f.db.$client.prepare("select confirmed_at from appointment where id = ?").pluck().get(booked.id)).toBeNull();
    await stop(f);
  });
});

describe("missed-call text-back", () => {
  it("a lead's missed call opens the callback and, with consent, texts an offer to reply or call back", async () => {
    const g = await start(false);
    clock.now = new Date("2026-11-26T20:00:00Z"); // noon in the clinic
    const before = sentTo().length;
    const sid = newSid();
    expect(await deliverCallback(g.base, statusParams(sid, "ringing", clock.now, { From: PHONE }))).toBe(204);
    expect(await deliverCallback(g.base, statusParams(sid, "no-answer", new Date(clock.now.getTime() + 25_000), { From: PHONE }))).toBe(204);
    await waitFor(() => sentTo().length > before, "the text-back");
    expect(sentTo().at(-1)).toBe(
      "Iris Clinic: sorry we missed your call. Reply to this text, or we will call you back soon. You can also call (818) 805-2469. Reply STOP to opt out.",
    );
    // A retried final callback sends nothing more.
    expect(await deliverCallback(g.base, statusParams(sid, "no-answer", new Date(clock.now.getTime() + 25_000), { From: PHONE }))).toBe(204);
    await new Promise((r) => setTimeout(r, 200));
    expect(sentTo().length).toBe(before + 1);
    await stop(g);
  });
});

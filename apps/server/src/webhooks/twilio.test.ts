// Twilio status callbacks through the real server, signed by Twilio's own library exactly as Twilio signs them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IntakeEvents, type IntakeEvent } from "@intake/api";
import { openDb, phoneIndexes, schema, seedBase, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "../app.ts";
import { TWILIO_STATUS_PATH } from "./twilio.ts";

const AUTH_TOKEN = "12345678901234567890123456789012";
const PUBLIC = "https://intake.example.org";
const LISTED = "+18188052469";
/** A tracking line run by another account, whose callbacks that account's token signs. */
const RADIO_LINE = "+18185550155";
const RADIO_TOKEN = "abcdefabcdefabcdefabcdefabcdef12";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
const events = new IntakeEvents();
const seen: IntakeEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-twilio-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  app = await buildApp({
    db,
    events,
    webDist: join(dir, "none"),
    telephony: { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC, secret: (ref) => (ref === "RADIO_ACCOUNT_TOKEN" ? RADIO_TOKEN : undefined) },
  });
  db.insert(schema.line).values({ number: RADIO_LINE, label: "Radio ad", source: "Radio", webhookSecretRef: "RADIO_ACCOUNT_TOKEN" }).run();
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const ac = new AbortController();
  void (async () => {
    for await (const e of events.stream(ac.signal)) seen.push(e);
  })().catch(() => undefined);
  afterAll(() => ac.abort());
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

let sidSeq = 0;
const newSid = () => `CA${(++sidSeq).toString(16).padStart(32, "0")}`;

function params(sid: string, status: string, extra: Record<string, string> = {}) {
  return {
    AccountSid: `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: sid,
    CallStatus: status,
    Direction: "inbound",
    From: "+13235550177",
    To: LISTED,
    Timestamp: new Date("2026-11-25T18:00:00Z").toUTCString(),
    ...extra,
  };
}

/** Posts as Twilio does: form-encoded, signed over the public URL and the sorted parameters. */
async function deliver(p: Record<string, string>, opts: { signWith?: Record<string, string>; url?: string; token?: string } = {}) {
  const url = opts.url ?? `${PUBLIC}${TWILIO_STATUS_PATH}`;
  const signature = twilio.getExpectedTwilioSignature(opts.token ?? AUTH_TOKEN, url, opts.signWith ?? p);
  const res = await fetch(`${base}${TWILIO_STATUS_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(p).toString(),
  });
  return res.status;
}

const callsWith = (sid: string) => db.select().from(schema.call).all().filter((c) => c.providerCallId === sid);
const callCount = () => db.$client.prepare("select count(*) from call").pluck().get() as number;
const at = (iso: string) => new Date(iso).toUTCString();

describe("POST /webhooks/voice/status", () => {
  it("records a ringing call and tells live screens at once", async () => {
    const sid = newSid();
    expect(await deliver(params(sid, "ringing"))).toBe(204);
    const [row] = callsWith(sid);
    expect(row).toMatchObject({ state: "ringing", direction: "inbound", otherNumber: "+13235550177", needsCompletion: true });
    expect(seen).toEqual([{ kind: "call.live", callId: row!.id, state: "ringing", leadId: null }]);
  });

  it("refuses a tampered parameter, a wrong URL, a wrong token and an unsigned request, storing nothing", async () => {
    const before = callCount();
    const sid = newSid();
    const good = params(sid, "ringing");
    expect(await deliver({ ...good, From: "+13235550999" }, { signWith: good })).toBe(403);
    expect(await deliver(good, { url: `http://intake.example.org${TWILIO_STATUS_PATH}` })).toBe(403);
    expect(await deliver(good, { token: "00000000000000000000000000000000" })).toBe(403);
    const unsigned = await fetch(`${base}${TWILIO_STATUS_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(good).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect(callCount()).toBe(before);
  });

  it("refuses a properly signed callback for a line the clinic does not have", async () => {
    const before = callCount();
    expect(await deliver(params(newSid(), "ringing", { To: "+12135550100" }))).toBe(403);
    expect(callCount()).toBe(before);
  });

  it("a line that names its own secret is verified with that secret, not the default", async () => {
    const sid = newSid();
    expect(await deliver(params(sid, "ringing", { To: RADIO_LINE }))).toBe(403);
    expect(callsWith(sid)).toHaveLength(0);
    expect(await deliver(params(sid, "ringing", { To: RADIO_LINE }), { token: RADIO_TOKEN })).toBe(204);
    expect(callsWith(sid)[0]).toMatchObject({ state: "ringing" });
  });

  it("a replayed callback changes nothing", async () => {
    const sid = newSid();
    const p = params(sid, "completed", { CallDuration: "95", Timestamp: at("2026-11-25T18:02:00Z") });
    expect(await deliver(params(sid, "ringing"))).toBe(204);
    expect(await deliver(p)).toBe(204);
    const first = callsWith(sid);
    expect(await deliver(p)).toBe(204);
    expect(await deliver(params(sid, "ringing"))).toBe(204);
    expect(callsWith(sid)).toEqual(first);
    expect(first).toHaveLength(1);
  });

  it("out of order: completed before ringing still ends as one connected call", async () => {
    const sid = newSid();
    await deliver(params(sid, "completed", { CallDuration: "240", Timestamp: at("2026-11-25T18:05:00Z") }));
    await deliver(params(sid, "in-progress", { Timestamp: at("2026-11-25T18:01:00Z") }));
    await deliver(params(sid, "ringing", { Timestamp: at("2026-11-25T18:00:50Z") }));
    const rows = callsWith(sid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: "ended", outcome: "connected", durationSeconds: 240 });
  });

  it("an unanswered call is missed from 15 s of ringing, abandoned under that, and a lead's missed call opens a callback", async () => {
    const phone = "+13235550188";
    const leadId = db
      .insert(schema.lead)
      .values({ name: "Known Caller", phone, ...phoneIndexes(db, phone), status: "contacting", updatedAt: new Date() })
      .returning({ id: schema.lead.id })
      .get().id;
    const missed = newSid();
    await deliver(params(missed, "ringing", { From: phone, Timestamp: at("2026-11-25T18:00:00Z") }));
    await deliver(params(missed, "no-answer", { From: phone, Timestamp: at("2026-11-25T18:00:25Z") }));
    expect(callsWith(missed)[0]).toMatchObject({ outcome: "missed", leadId, state: "ended" });
    const tasks = db.select().from(schema.task).all().filter((t) => t.leadId === leadId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: "callback", status: "open", callId: callsWith(missed)[0]!.id });
    expect(tasks[0]!.dueAt.toISOString()).toBe("2026-11-25T18:15:00.000Z");

    const abandoned = newSid();
    await deliver(params(abandoned, "ringing", { Timestamp: at("2026-11-25T18:10:00Z") }));
    await deliver(params(abandoned, "canceled", { Timestamp: at("2026-11-25T18:10:08Z") }));
    expect(callsWith(abandoned)[0]).toMatchObject({ outcome: "abandoned" });
  });

  it("a burst of 500 callbacks with retries leaves exactly one record per call", async () => {
    const before = callCount();
    const sids = Array.from({ length: 100 }, newSid);
    const deliveries: Record<string, string>[] = [];
    for (const sid of sids) {
      deliveries.push(params(sid, "ringing"), params(sid, "in-progress"), params(sid, "completed", { CallDuration: "30" }));
      // Twilio retries on timeouts: two of each call's callbacks arrive twice.
      deliveries.push(params(sid, "ringing"), params(sid, "completed", { CallDuration: "30" }));
    }
    expect(deliveries).toHaveLength(500);
    deliveries.sort(() => Math.random() - 0.5);
    const statuses = await Promise.all(deliveries.map((d) => deliver(d)));
    expect(statuses.every((s) => s === 204)).toBe(true);
    expect(callCount() - before).toBe(100);
    const rows = sids.flatMap(callsWith);
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.state === "ended" && r.outcome === "connected" && r.durationSeconds === 30)).toBe(true);
  }, 60_000);
});

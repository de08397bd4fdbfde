// Twilio status callbacks through the real server, signed by Twilio's own library exactly as Twilio signs them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword, IntakeEvents, totpCode, totpStep, type IntakeEvent } from "@intake/api";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, openDb, phoneIndexes, schema, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "../app.ts";
import { deliverCallback, newSid, statusParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from "../testing/twilioCallbacks.ts";
import { TWILIO_STATUS_PATH } from "./twilio.ts";

const AUTH_TOKEN = TEST_AUTH_TOKEN;
const PUBLIC = TEST_PUBLIC_BASE_URL;
/** A tracking line run by another account, whose callbacks that account's token signs. */
const RADIO_LINE = "+18185550155";
const RADIO_TOKEN = "abcdefabcdefabcdefabcdefabcdef12";
/** A line stored before names were checked, pointing at a variable that holds no secret. */
const PORT_LINE = "+18185550156";
/** What the server reads a line's secret from: its environment. */
const environment: Record<string, string> = { TWILIO_AUTH_TOKEN_RADIO: RADIO_TOKEN, PORT: "3114" };

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
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 0 });
  app = await buildApp({
    db,
    events,
    webDist: join(dir, "none"),
    telephony: { authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC, secret: (ref) => environment[ref] },
  });
  db.insert(schema.line).values({ number: RADIO_LINE, label: "Radio ad", source: "Radio", webhookSecretRef: "TWILIO_AUTH_TOKEN_RADIO" }).run();
  db.insert(schema.line).values({ number: PORT_LINE, label: "Old line", webhookSecretRef: "PORT" }).run();
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

const params = (sid: string, status: string, extra: Record<string, string> = {}) => statusParams(sid, status, new Date("2026-11-25T18:00:00Z"), extra);
const deliver = (p: Record<string, string>, opts: Parameters<typeof deliverCallback>[2] = {}) => deliverCallback(base, p, opts);

const callsWith = (sid: string) =>
  db
    .select()
    .from(schema.call)
    .all()
    .filter((c) => c.providerCallId === sid);
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
    const tasks = db
      .select()
      .from(schema.task)
      .all()
      .filter((t) => t.leadId === leadId);
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

describe("a line's webhook secret reference", () => {
  const rpc = (path: string, json: unknown, cookie?: string) =>
    fetch(`${base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ json }),
    });
  async function signIn(email: string, code?: string) {
    const res = await rpc("auth.signIn", { email, password: DEMO_PASSWORD, ...(code ? { code } : {}) });
    expect(res.status).toBe(200);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }
  const lines = async (cookie: string) => {
    const res = await rpc("line.list", undefined, cookie);
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { data: { json: Record<string, unknown>[] } } }).result.data.json;
  };

  it("names TWILIO_AUTH_TOKEN or a variable named after it; any other name is refused with what to write", async () => {
    const admin = await signIn("admin@iris.test", totpCode(DEMO_ADMIN_TOTP_SECRET, totpStep(new Date())));
    for (const ref of ["PORT", "HOME", "INTAKE_DB", "TWILIO_AUTH_TOKENX", "TWILIO_AUTH_TOKEN_", "twilio_auth_token_radio"]) {
      const res = await rpc("line.create", { number: "(818) 555-0157", label: "Probe", webhookSecretRef: ref }, admin);
      expect(res.status, ref).toBe(400);
      const text = await res.text();
      const body = JSON.parse(text) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } };
      expect(body.error.json.data.fieldErrors.webhookSecretRef?.[0]).toMatch(
        /TWILIO_AUTH_TOKEN or a configuration variable named after it, like TWILIO_AUTH_TOKEN_RADIO/,
      );
    }
    expect((await rpc("line.create", { number: "(818) 555-0157", label: "Radio 2", webhookSecretRef: "TWILIO_AUTH_TOKEN_RADIO_2" }, admin)).status).toBe(200);
    expect((await rpc("line.create", { number: "(818) 555-0158", label: "Main account", webhookSecretRef: "TWILIO_AUTH_TOKEN" }, admin)).status).toBe(200);
  });

  it("a stored line naming another variable gets no callback through, even one signed with that variable's value", async () => {
    const before = callCount();
    const sid = newSid();
    expect(await deliver(params(sid, "ringing", { To: PORT_LINE }), { token: environment.PORT })).toBe(403);
    expect(await deliver(params(sid, "ringing", { To: PORT_LINE }))).toBe(403);
    expect(callCount()).toBe(before);
  });

  it("line.list shows which variable holds a line's secret to admins only", async () => {
    const admin = await signIn("admin@iris.test", totpCode(DEMO_ADMIN_TOTP_SECRET, totpStep(new Date()) + 1));
    expect((await lines(admin)).find((l) => l.number === RADIO_LINE)).toMatchObject({ label: "Radio ad", webhookSecretRef: "TWILIO_AUTH_TOKEN_RADIO" });
    for (const email of ["coordinator@iris.test", "scheduler@iris.test", "clinician@iris.test", "manager@iris.test"]) {
      const listed = await lines(await signIn(email));
      expect(
        listed.find((l) => l.number === RADIO_LINE),
        email,
      ).toMatchObject({ label: "Radio ad", source: "Radio" });
      expect(
        listed.every((l) => !("webhookSecretRef" in l)),
        email,
      ).toBe(true);
      expect(JSON.stringify(listed)).not.toContain("TWILIO_AUTH_TOKEN");
    }
  });
});

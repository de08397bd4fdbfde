// What an outsider meets at the door, over real HTTP on a real SQLite file: a bounded audit trail,
// CSV exports a spreadsheet cannot run, and clear refusals of inputs no person types.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { openDb, schema, seedBase, seedDemo, DEMO_PASSWORD, type Db, type OpenedDb } from "@intake/db";
import { MAX_BATCH_CALLS } from "@intake/domain";
import { buildApp } from "./app.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-boundary-"));
const dbPath = join(dir, "intake.sqlite");
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

beforeAll(async () => {
  db = openDb({ path: dbPath });
  seedBase(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  seedDemo(db, { passwordHash, leadCount: 5 });
  // A manager whose name a spreadsheet would run: it reaches the audit export as the actor's name.
  db.insert(schema.user).values({ email: "formula@iris.test", name: '=HYPERLINK("http://x.test","open")', role: "manager", passwordHash }).run();
  app = await buildApp({ db, webDist: join(dir, "no-dashboard") });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const headers = (cookie?: string) => ({ "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) });
const post = (path: string, json: unknown, cookie?: string) =>
  fetch(`${base}/trpc/${path}`, { method: "POST", headers: headers(cookie), body: JSON.stringify({ json }) });
/** The session cookie of a demo user, signed in over HTTP. */
const signIn = async (email: string) => {
  const res = await post("auth.signIn", { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
};

interface ErrorBody {
  error: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } } };
}
const fieldErrors = async (res: Response) => ((await res.json()) as ErrorBody).error.json.data.fieldErrors ?? {};

/** Every stored audit field, longest first. */
const auditRows = () =>
  db.$client.prepare("select action, record_type as recordType, record_id as recordId, ip, outcome from audit_entry order by seq").all() as {
    action: string;
    recordType: string;
    recordId: string | null;
    ip: string | null;
    outcome: string;
  }[];
/** The entries written since `seq` for requests: meanwhile the server's alert loop may escalate the demo's unread urgent alert. */
const requestRows = (seq: number) =>
  auditRows()
    .slice(seq)
    .filter((r) => r.action !== "handoff.escalate");
const dbBytes = () => statSync(dbPath).size + statSync(`${dbPath}-wal`, { throwIfNoEntry: false })!.size;

describe("the audit trail holds only validated, bounded fields", () => {
  it("records an anonymous lead.byId with a megabyte id or a formula id as denied, without the text", async () => {
    const before = dbBytes();
    const seqBefore = auditRows().length;
    const huge = "9".repeat(1_000_000);
    const formula = '=HYPERLINK("http://evil.test","x")';
    for (let i = 0; i < 10; i++) {
      expect((await post("lead.byId", { id: huge })).status).toBe(401);
      expect((await post("lead.byId", { id: formula })).status).toBe(401);
    }
    const rows = requestRows(seqBefore);
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect(row).toMatchObject({ action: "lead.byId", recordType: "lead", recordId: null, outcome: "denied" });
    }
    const stored = JSON.stringify(auditRows());
    expect(stored).not.toContain("HYPERLINK");
    expect(stored).not.toContain("9".repeat(20));
    // 20 megabyte requests leave a few kilobytes of audit, not 20 MB (the WAL included).
    expect(dbBytes() - before).toBeLessThan(512 * 1024);
  });

  it("records a refused bad id of a signed-in user as failed, and a valid one by its number", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const seqBefore = auditRows().length;
    expect((await post("lead.byId", { id: "1 OR 1=1" }, cookie)).status).toBe(400);
    expect((await post("lead.byId", { id: 1.5 }, cookie)).status).toBe(400);
    expect((await post("lead.byId", { id: 1 }, cookie)).status).toBe(200);
    const rows = requestRows(seqBefore);
    expect(rows.map((r) => [r.outcome, r.recordId])).toEqual([
      ["failed", null],
      ["failed", null],
      ["ok", "1"],
    ]);
  });
});

describe("CSV exports neutralise formula cells", () => {
  it("audit.export writes a formula-looking name as text, with a leading apostrophe", async () => {
    const formulaCookie = await signIn("formula@iris.test");
    expect((await post("lead.list", {}, formulaCookie)).status).toBe(200);
    const res = await post("audit.export", {}, formulaCookie);
    expect(res.status).toBe(200);
    const { content } = ((await res.json()) as { result: { data: { json: { content: string } } } }).result.data.json;
    const line = content.split("\r\n").find((l) => l.includes("lead.list") && l.includes("HYPERLINK"));
    expect(line).toContain(`"'=HYPERLINK(""http://x.test"",""open"")"`);
    // No cell of the file starts with a character a spreadsheet runs.
    for (const cell of content.split(/,|\r\n/)) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
  });
});

describe("clear refusals at the boundary", () => {
  const call = (over: Record<string, unknown>) => ({
    direction: "inbound",
    otherNumber: "8185550190",
    startedAt: new Date().toISOString(),
    durationSeconds: 60,
    outcome: "connected",
    ...over,
  });

  it("refuses a call that starts in the far future, far past or more than five minutes ahead, on the field", async () => {
    const cookie = await signIn("coordinator@iris.test");
    for (const startedAt of ["+275760-09-13T00:00:00.000Z", "1999-12-31T23:59:59.000Z", new Date(Date.now() + 10 * 60_000).toISOString()]) {
      const res = await post("call.log", call({ startedAt }), cookie);
      expect(res.status).toBe(400);
      expect(Object.keys(await fieldErrors(res))).toEqual(["startedAt"]);
    }
    expect((await post("call.log", call({ startedAt: new Date(Date.now() + 60_000).toISOString() }), cookie)).status).toBe(200);
  });

  it("refuses appointment, task and filter dates outside 2000–2099, on the field", async () => {
    const cookie = await signIn("scheduler@iris.test");
    const res = await post("appointment.book", { leadId: 1, kind: "consult", startsAt: "+275760-09-13T00:00:00.000Z", clinicianId: 1 }, cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(await fieldErrors(res))).toContain("startsAt");
    const coordinator = await signIn("coordinator@iris.test");
    const task = await post("task.create", { leadId: 1, kind: "follow_up", dueAt: "+275760-09-13T00:00:00.000Z" }, coordinator);
    expect(task.status).toBe(400);
    expect(Object.keys(await fieldErrors(task))).toEqual(["dueAt"]);
    const calls = await post("call.list", { from: "1970-01-01T00:00:00.000Z" }, coordinator);
    expect(calls.status).toBe(400);
    expect(Object.keys(await fieldErrors(calls))).toEqual(["from"]);
  });

  it("refuses names and notes with NUL, control, lone-surrogate or bidi-override characters, without echoing them", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const bad = ["Ann\u0000Lee", "Ann\u0007Lee", "Ann\uD800Lee", "Ann\u202Eeel", "Ann\u2066Lee\u2069", "Ann\nLee"];
    for (const callerName of bad) {
      const res = await post("call.log", call({ callerName: `SECRET ${callerName}` }), cookie);
      expect(res.status).toBe(400);
      const text = await res.clone().text();
      expect(text).not.toContain("SECRET");
      const errors = await fieldErrors(res);
      expect(Object.keys(errors)).toEqual(["callerName"]);
      expect(errors.callerName!.join(" ")).toMatch(/control|direction|character/i);
    }
    for (const notes of ["a\u0000b", "a\u202Db", "a\uDC00b"]) {
      const res = await post("call.log", call({ notes }), cookie);
      expect(res.status).toBe(400);
      expect(Object.keys(await fieldErrors(res))).toEqual(["notes"]);
    }
    const lead = await post("lead.update", { id: 1, name: "Ann\u202ELee" }, cookie);
    expect(lead.status).toBe(400);
    expect(Object.keys(await fieldErrors(lead))).toEqual(["name"]);
    // Lines, tabs, accents, right-to-left scripts and emoji pass.
    const fine = await post("call.log", call({ callerName: "Zoë O'Brien-אבי 😀", notes: "Line one\n\tLine two\r\nשלום" }), cookie);
    expect(fine.status).toBe(200);
  });

  it("answers a deeply nested request with a clear 400, not a stack overflow", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const depth = 20_000;
    const nested = "[".repeat(depth) + "]".repeat(depth);
    const body = `{"json":{"id":1},"meta":{"values":${nested}}}`;
    const res = await fetch(`${base}/trpc/lead.byId`, { method: "POST", headers: headers(cookie), body });
    expect(res.status).toBe(400);
    const { message } = ((await res.json()) as ErrorBody).error.json;
    expect(message).toMatch(/nested/i);
    expect(message).not.toMatch(/call stack/i);
    const deepJson = await fetch(`${base}/trpc/lead.list`, { method: "POST", headers: headers(cookie), body: `{"json":{"search":${nested}}}` });
    expect(deepJson.status).toBe(400);
  });

  it("caps a batch and says how many calls one may hold", async () => {
    const cookie = await signIn("coordinator@iris.test");
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "auth.me").join(",");
      const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]));
      return fetch(`${base}/trpc/${paths}?batch=1`, { method: "POST", headers: headers(cookie), body: JSON.stringify(input) });
    };
    expect((await batch(MAX_BATCH_CALLS)).status).toBe(200);
    const over = await batch(400);
    expect(over.status).toBe(400);
    expect(await over.text()).toMatch(new RegExp(`at most ${MAX_BATCH_CALLS} calls`));
  });
});

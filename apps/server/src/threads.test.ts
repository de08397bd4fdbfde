// The database threads the server runs: the writer (group commits) and the reports thread, each on
// its own connection, with answers that keep their meaning across the thread.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, createUser, inlineReports, threadReports, threadWrites, verifyAudit, type WriteExecutor } from "@intake/api";
import { openDb, seedBase, type Db, type OpenedDb } from "@intake/db";
import { MEASURE, type SessionUser } from "@intake/domain";
import { buildApp } from "./app.ts";

const preload = import.meta.resolve("tsx/esm/api");
let dir: string;
let path: string;
let db: Db & OpenedDb;
let writes: WriteExecutor;
let actor: SessionUser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-writes-"));
  path = join(dir, "intake.sqlite");
  db = openDb({ path });
  seedBase(db);
  const user = await createUser(db, { email: "desk@iris.test", name: "Desk", role: "coordinator", password: "desk-password-1" });
  actor = { id: user.id, email: user.email, name: user.name, role: "coordinator" };
  writes = threadWrites({ path, preload });
});
afterAll(async () => {
  await writes.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (otherNumber: string, extra: Record<string, unknown> = {}) => ({
  input: {
    direction: "inbound" as const,
    otherNumber,
    startedAt: new Date("2026-11-25T17:00:00Z"),
    durationSeconds: 120,
    outcome: "connected" as const,
    ...extra,
  },
  actor,
  now: new Date("2026-11-25T17:02:00Z"),
});

describe("threadWrites", () => {
  it("records a call on its own connection and answers with the stored rows, dates and decrypted phone intact", async () => {
    const logged = await writes.run("call.record", call("+13105550101"));
    expect(logged.created).toBe(true);
    expect(logged.lead).toMatchObject({ phone: "+13105550101", status: "contacting" });
    expect(logged.call.startedAt).toEqual(new Date("2026-11-25T17:00:00Z"));
    // Committed before the answer: this thread's own connection reads it.
    expect(db.$client.prepare("select count(*) from call where id = ?").pluck().get(logged.call.id)).toBe(1);
  });

  it("keeps a refusal's code and words across the thread", async () => {
    const refused = writes.run("call.record", call("+13105550102", { lineId: 9999 }));
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "NOT_FOUND", message: "No line with that id." });
    expect(db.$client.prepare("select count(*) from lead").pluck().get()).toBe(1);
  });

  it("chains audit entries from many concurrent requests in order, each stored once", async () => {
    const before = db.$client.prepare("select count(*) from audit_entry").pluck().get() as number;
    const entries = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        writes.run("audit.append", {
          at: Date.now(),
          actorId: actor.id,
          actorRole: "coordinator",
          action: "lead.byId",
          recordType: "lead",
          recordId: String(i),
          ip: null,
          outcome: "ok",
        }),
      ),
    );
    expect(new Set(entries.map((e) => e.seq)).size).toBe(200);
    expect(db.$client.prepare("select count(*) from audit_entry").pluck().get()).toBe(before + 200);
    expect(verifyAudit(db, db.keys.audit)).toEqual({ ok: true, checked: before + 200 });
  });

  it("writes beside the request thread's own transactions without either failing on the lock", async () => {
    const lead = (await writes.run("call.record", call("+13105550150"))).lead!;
    const onThread: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      onThread.push(writes.run("call.record", call(`+1310555${String(3000 + i)}`)));
      await new Promise((resolve) => setImmediate(resolve));
      // A read-then-write transaction on this thread's connection while the writer thread commits.
      db.transaction(() => {
        const before = db.$client.prepare("select name from lead where id = ?").pluck().get(lead.id);
        db.$client.prepare("update lead set name = ? where id = ?").run(`${String(before)}+`, lead.id);
      });
    }
    expect((await Promise.allSettled(onThread)).filter((r) => r.status === "rejected")).toEqual([]);
    expect(db.$client.prepare("select name from lead where id = ?").pluck().get(lead.id)).toBe(`null${"+".repeat(100)}`);
  });

  it("answers everything handed over before it closes", async () => {
    const own = threadWrites({ path, preload });
    const pending = Array.from({ length: 50 }, (_, i) => own.run("call.record", call(`+1310555${String(2000 + i)}`)));
    await own.close();
    expect((await Promise.all(pending)).every((r) => r.created)).toBe(true);
  });

  it("brings the funnel rows of the leads calls changed up to date in the same commit: nothing is behind once the calls are answered", async () => {
    const behind = () => db.$client.prepare("select count(*) from funnel_dirty").pluck().get() as number;
    const numbers = Array.from({ length: 40 }, (_, i) => `+1310555${String(4000 + i)}`);
    await Promise.all(numbers.map((n) => writes.run("call.record", call(n))));
    expect(behind()).toBe(0);
    // Each new lead has its rows, with its counts: one inbound call, connected.
    const latest = "lead_id in (select lead_id from call where id > (select max(id) - 40 from call))";
    const rows = db.$client
      .prepare(
        `select count(distinct lead_id) as leads, sum(measure = ? and weight = 1) as inbound, sum(measure = ? and weight = 1) as connected from funnel_measure where ${latest}`,
      )
      .get(MEASURE.inboundCalls, MEASURE.connectedCalls);
    expect(rows).toEqual({ leads: 40, inbound: 40, connected: 40 });
    // A second call from each: the counts move with it.
    await Promise.all(numbers.map((n) => writes.run("call.record", call(n))));
    expect(behind()).toBe(0);
    expect(db.$client.prepare(`select count(*) from funnel_measure where measure = ? and weight = 2 and ${latest}`).pluck().get(MEASURE.inboundCalls)).toBe(40);
  });

  it("when recomputing the funnel fails, stores the calls, keeps their leads marked, and does not retry with every commit", async () => {
    const own = threadWrites({ path, preload });
    const behind = () => db.$client.prepare("select count(*) from funnel_dirty").pluck().get() as number;
    db.$client.exec("create trigger funnel_refused before insert on funnel_measure begin select raise(abort, 'refused'); end");
    try {
      const logged = await Promise.all(Array.from({ length: 5 }, (_, i) => own.run("call.record", call(`+1310555${String(6000 + i)}`))));
      expect(logged.every((r) => r.created)).toBe(true);
      expect(behind()).toBeGreaterThanOrEqual(5);
      // Idle, the writer neither spins on the failure nor drops the marks (the whole process's CPU: the writer is one of its threads).
      const before = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, 800));
      const used = process.cpuUsage(before);
      expect((used.user + used.system) / 1000).toBeLessThan(300);
      expect(behind()).toBeGreaterThanOrEqual(5);
    } finally {
      db.$client.exec("drop trigger funnel_refused");
    }
    // Asked for (as a funnel read asks), the writer brings them up to date.
    await own.run("funnel.sync", {});
    expect(behind()).toBe(0);
    await own.close();
  });

  it("fails the waiting request, not the server, when the thread cannot start", async () => {
    const broken = threadWrites({ path, preload, keysPath: dir /* a directory, not a key file */ });
    await expect(
      broken.run("audit.append", { at: 0, actorId: null, actorRole: null, action: "x", recordType: null, recordId: null, ip: null, outcome: "ok" }),
    ).rejects.toThrow(`Cannot read the key file ${dir} (EISDIR)`);
    await broken.close();
  });
});

describe("threadReports", () => {
  it("computes the funnel on its own read-only connection, the same figures as inline once the writer caught up with what calls changed", async () => {
    const reports = threadReports({ path, preload });
    try {
      const input = { from: "2026-11-01", to: "2026-12-01" };
      // The reports thread only reads: the writer recomputes the changed leads' rows (as funnel.get asks it to).
      await writes.run("funnel.sync", {});
      const onThread = await reports.run("funnel.get", input);
      expect(onThread.stages[0]).toMatchObject({ stage: "inquiry" });
      expect(onThread.stages[0]!.count).toBeGreaterThan(0);
      expect(onThread).toEqual(await inlineReports(db).run("funnel.get", input));
      const bySource = await reports.run("report.bySource", input);
      expect(bySource.groups.length).toBeGreaterThan(0);
      expect(bySource.total).toEqual(onThread);
    } finally {
      await reports.close();
    }
  });
});

describe("call.log over HTTP with the writer thread", () => {
  it("logs the call, leaves its audit entry, and refuses an unknown line with NOT_FOUND", async () => {
    const app = await buildApp({ db, writes });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const post = (procedure: string, json: unknown, cookie?: string) =>
        fetch(`${base}/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ json }),
        });
      const signIn = await post("auth.signIn", { email: "desk@iris.test", password: "desk-password-1" });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const input = { direction: "inbound", otherNumber: "(310) 555-0199", startedAt: "2026-11-25T17:00:00.000Z", durationSeconds: 60, outcome: "connected" };
      const res = await post("call.log", input, cookie);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { result: { data: { json: { call: { id: number }; lead: { status: string } } } } };
      expect(body.result.data.json.lead.status).toBe("contacting");
      const audit = db.$client.prepare("select action, record_id as recordId, outcome from audit_entry order by seq desc limit 1").get();
      expect(audit).toEqual({ action: "call.log", recordId: String(body.result.data.json.call.id), outcome: "ok" });

      const missing = await post("call.log", { ...input, lineId: 9999 }, cookie);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: { json: { message: "No line with that id.", data: { code: "NOT_FOUND" } } } });
    } finally {
      await app.close();
    }
  });
});

describe("the request log", () => {
  it("writes one line per request with method, path and status, never the query string", async () => {
    const file = join(dir, "requests.log");
    const app = await buildApp({ db, writes, logger: { file } });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const input = encodeURIComponent(JSON.stringify({ json: { search: "Rosa Quintero" } }));
      expect((await fetch(`${base}/trpc/lead.list?input=${input}`)).status).toBe(401);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
    // The log file is written asynchronously.
    const requests = () =>
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === "request completed")
        .map((l) => [l.method, l.url, l.statusCode]);
    await expect.poll(requests).toEqual([
      ["GET", "/trpc/lead.list", 401],
      ["GET", "/healthz", 200],
    ]);
    expect(readFileSync(file, "utf8")).not.toMatch(/Rosa|Quintero|input=/);
  });
});

describe("threadWrites after close", () => {
  it("takes no more work", async () => {
    const own = threadWrites({ path, preload });
    await own.close();
    await expect(
      own.run("audit.append", { at: 0, actorId: null, actorRole: null, action: "x", recordType: null, recordId: null, ip: null, outcome: "ok" }),
    ).rejects.toThrow("The writes thread is closed.");
    // The thread loads every service of the API (as TypeScript here) before it can close: slow on a busy machine.
  }, 30_000);
});

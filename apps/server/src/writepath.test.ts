// One write path, seen from outside: over HTTP a change and its audit entry are stored together or
// not at all, and an online backup taken by the command line while calls are logged never holds one
// without the other. The server runs as in production: one writer thread, requests reading on a
// read-only connection, a reports thread.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, threadReports, threadWrites, type ReportExecutor, type WriteExecutor } from "@intake/api";
import { openDb, seedBase, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "./app.ts";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
let dir: string;
let path: string;
let db: Db & OpenedDb;
let reads: Db & OpenedDb;
let writes: WriteExecutor;
let reports: ReportExecutor;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let cookie: string;

const post = (procedure: string, json: unknown) =>
  fetch(`${base}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", cookie },
    body: JSON.stringify({ json }),
  });
const callInput = (otherNumber: string) => ({
  direction: "inbound",
  otherNumber,
  startedAt: "2026-11-25T17:00:00.000Z",
  durationSeconds: 60,
  outcome: "connected",
});
const count = (sql: string, ...params: unknown[]) =>
  db.$client
    .prepare(sql)
    .pluck()
    .get(...params) as number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-writepath-"));
  path = join(dir, "intake.sqlite");
  db = openDb({ path });
  seedBase(db);
  await createUser(db, { email: "desk@iris.test", name: "Desk", role: "coordinator", password: "desk-password-1" });
  // As the server runs: the writer thread's connection writes; requests read on a read-only one.
  const threads = { path, preload: import.meta.resolve("tsx/esm/api") };
  writes = threadWrites(threads);
  reports = threadReports(threads);
  reads = openDb({ path, migrate: false, readonly: true });
  app = await buildApp({ db, reads, writes, reports, alertCheckMs: false });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const signIn = await post("auth.signIn", { email: "desk@iris.test", password: "desk-password-1" });
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  // Two threads start and load TypeScript: slow on a busy machine.
}, 60_000);
afterAll(async () => {
  await app.close();
  await Promise.all([writes.close(), reports.close()]);
  reads.$client.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("a change and its audit entry", () => {
  it("are stored together or not at all: when the entry cannot be written, the change is not kept", async () => {
    const logged = await post("call.log", callInput("(310) 555-0140"));
    expect(logged.status).toBe(200);
    const leadId = ((await logged.json()) as { result: { data: { json: { lead: { id: number } } } } }).result.data.json.lead.id;
    const calls = count("select count(*) from call");
    const entries = count("select count(*) from audit_entry");

    // Fault injection between a mutation's rows and its entry: the entry's insert fails.
    db.$client.exec(
      `create trigger fail_audit before insert on audit_entry when new.action in ('lead.update', 'call.log') begin select raise(abort, 'injected fault'); end`,
    );
    try {
      const renamed = await post("lead.update", { id: leadId, name: "Renamed Without Record" });
      expect(renamed.status).toBe(500);
      const another = await post("call.log", callInput("(310) 555-0141"));
      expect(another.status).toBe(500);
    } finally {
      db.$client.exec("drop trigger fail_audit");
    }
    expect(count("select count(*) from lead where name = 'Renamed Without Record'")).toBe(0);
    expect(count("select count(*) from call")).toBe(calls);
    expect(count("select count(*) from lead where id > ?", leadId)).toBe(0);
    expect(count("select count(*) from audit_entry")).toBe(entries);

    // Without the fault both are stored.
    expect((await post("lead.update", { id: leadId, name: "Renamed With Record" })).status).toBe(200);
    expect(count("select count(*) from lead where name = 'Renamed With Record'")).toBe(1);
    expect(count("select count(*) from audit_entry where action = 'lead.update' and record_id = ?", String(leadId))).toBe(1);
  });

  it("are both in an online backup taken by `pnpm intake backup` while calls are logged, or both missing", async () => {
    let logging = true;
    let logged = 0;
    const desk = Array.from({ length: 16 }, async (_, worker) => {
      for (let i = 0; logging; i++) {
        const res = await post("call.log", callInput(`+1310555${String(1000 + ((worker * 500 + i) % 8000)).padStart(4, "0")}`));
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        logged++;
      }
    });
    while (logged < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    const target = join(dir, "under-load.sqlite");
    const backup = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "backup", target], {
      cwd: SERVER_DIR,
      env: { ...process.env, INTAKE_DB: path },
      stdio: "pipe",
    });
    let output = "";
    backup.stdout.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    backup.stderr.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => backup.on("exit", resolve));
    const loggedDuringBackup = logged;
    logging = false;
    await Promise.all(desk);
    expect(code, output).toBe(0);
    expect(logged).toBeGreaterThan(loggedDuringBackup - 1);

    const copy = new Database(target, { readonly: true });
    const callIds = (copy.prepare("select id from call").pluck().all() as number[]).map(String).sort();
    const auditedIds = (copy.prepare("select record_id from audit_entry where action = 'call.log' and outcome = 'ok'").pluck().all() as string[]).sort();
    copy.close();
    expect(callIds.length).toBeGreaterThanOrEqual(200);
    // Every call in the copy has its entry, and every entry its call.
    expect(callIds).toEqual(auditedIds);
  }, 60_000);
});

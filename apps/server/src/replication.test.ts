// Replication with Litestream to a file:// replica, and restoring from it, with the real server
// (compiled, as `pnpm start` runs it) and the real CLI.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, launch, pnpmIntake, signIn, waitReady, type Launched } from "./testing/launch.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-replica-"));
const running: Launched[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function serve(db: string, replica: string, detached = false) {
  const port = await freePort();
  const server = launch(["node", "apps/server/dist/main.js"], { INTAKE_DB: db, INTAKE_REPLICA: replica, PORT: String(port), DEMO_LEADS: "0" }, undefined, {
    detached,
  });
  running.push(server);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/readyz`, server);
  const cookie = ((await signIn(base, "coordinator@iris.test", "demo-password-1")).headers.get("set-cookie") ?? "").split(";")[0]!;
  return { server, base, cookie };
}

/** Logs one call from a new number; the id the server acknowledged, or null if it did not answer 200. */
async function logCall(base: string, cookie: string, n: number): Promise<number | null> {
  const res = await fetch(`${base}/trpc/call.log`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", cookie },
    body: JSON.stringify({
      json: {
        direction: "inbound",
        otherNumber: `+1 213 555 ${String(n % 10_000).padStart(4, "0")}`,
        startedAt: new Date().toISOString(),
        durationSeconds: 60,
        outcome: "connected",
        callerName: `Caller ${n}`,
      },
    }),
  });
  if (res.status !== 200) return null;
  return ((await res.json()) as { result: { data: { json: { call: { id: number } } } } }).result.data.json.call.id;
}

const integrity = (db: string) => {
  const c = new Database(db, { readonly: true });
  try {
    return c.pragma("integrity_check", { simple: true });
  } finally {
    c.close();
  }
};

const counts = (db: string) => {
  const c = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => c.prepare(sql).pluck().get() as number;
    return { calls: one("select count(*) from call"), leads: one("select count(*) from lead"), audit: one("select count(*) from audit_entry") };
  } finally {
    c.close();
  }
};

describe("INTAKE_REPLICA with Litestream", { timeout: 240_000 }, () => {
  it("1,000 logged calls, a clean stop, a restore elsewhere: the same counts and a verified audit chain; no restore without the key file", async () => {
    const db = join(dir, "primary.sqlite");
    const replica = `file://${join(dir, "replica")}`;
    const { server, base, cookie } = await serve(db, replica);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ ok: true, checks: { replication: "ok" } });
    let next = 0;
    const acked: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 1000) {
          const id = await logCall(base, cookie, next++);
          if (id !== null) acked.push(id);
        }
      }),
    );
    expect(acked).toHaveLength(1000);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const before = counts(db);
    expect(before.calls).toBe(1000);
    // The primary is sound: a restore that fails its check below points at the replica, not at us.
    expect(integrity(db)).toBe("ok");

    const target = join(dir, "elsewhere", "restored.sqlite");
    const refused = pnpmIntake(["restore", "--from-replica", replica, target], {});
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/No key file at .*restored\.sqlite\.keys\. It is not in the replica/);
    expect(existsSync(target)).toBe(false);

    mkdirSync(join(dir, "elsewhere"));
    copyFileSync(`${db}.keys`, `${target}.keys`);
    const restored = pnpmIntake(["restore", "--from-replica", replica, target], {});
    expect(await restored.exited, restored.output()).toBe(0);
    expect(restored.output()).toMatch(/Audit trail intact: \d+ entries verified/);
    expect(counts(target)).toEqual(before);
  });

  it("SIGKILL under write load, the primary deleted, a restore from the replica: acknowledged calls lost and the recovery point", async () => {
    const db = join(dir, "killed.sqlite");
    const replica = `file://${join(dir, "replica-killed")}`;
    const { server, base, cookie } = await serve(db, replica, true);
    const acks = new Map<number, number>();
    let n = 0;
    let load = true;
    const workers = Array.from({ length: 8 }, async () => {
      while (load) {
        const id = await logCall(base, cookie, n++).catch(() => null);
        if (id !== null) acks.set(id, performance.now());
      }
    });
    await new Promise((r) => setTimeout(r, 5000));
    // The machine dies: the server, its watchdog and Litestream at once.
    process.kill(-server.child.pid!, "SIGKILL");
    const killedAt = performance.now();
    load = false;
    await Promise.all(workers);
    await server.exited;
    const keys = join(dir, "killed-keys");
    copyFileSync(`${db}.keys`, keys);
    for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}.keys`]) rmSync(f, { force: true });

    const target = join(dir, "after-kill.sqlite");
    copyFileSync(keys, `${target}.keys`);
    const restored = pnpmIntake(["restore", "--from-replica", replica, target], {});
    expect(await restored.exited, restored.output()).toBe(0);
    const c = new Database(target, { readonly: true });
    const kept = new Set(c.prepare("select id from call").pluck().all() as number[]);
    c.close();
    const lost = [...acks.entries()].filter(([id]) => !kept.has(id));
    const recoveryPointS = lost.length ? (killedAt - Math.min(...lost.map(([, at]) => at))) / 1000 : 0;
    console.log(
      `SIGKILL under load: ${acks.size} calls acknowledged, ${lost.length} lost (${((100 * lost.length) / acks.size).toFixed(1)} %); recovery point ${recoveryPointS.toFixed(2)} s`,
    );
    expect(acks.size).toBeGreaterThan(100);
    // Litestream ships the log every second: at most a couple of seconds of acknowledged calls are lost.
    expect(recoveryPointS).toBeLessThan(3);
  });
});

// Replication with Litestream to a file:// replica, and restoring from it, with the real server
// (compiled, as `pnpm start` runs it) and the real CLI.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { readEnv } from "./env.ts";
import { zeroIndexRoot } from "./testing/damage.ts";
import { freePort, launch, pnpmIntake, signIn, waitReady, type Launched } from "./testing/launch.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-replica-"));
const running: Launched[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function serve(db: string, replica: string, detached = false, env: Record<string, string> = {}) {
  const port = await freePort();
  const server = launch(
    ["node", "apps/server/dist/main.js"],
    { INTAKE_DB: db, INTAKE_REPLICA: replica, PORT: String(port), DEMO_LEADS: "0", ...env },
    undefined,
    {
      detached,
    },
  );
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

/**
 * `file` as Litestream stores a snapshot: an LZ4 frame, here of stored (uncompressed) blocks, which
 * its reader takes like any other. Descriptor 0x60 0x70: independent 4 MB blocks, no checksums;
 * 0x73 is the descriptor's header checksum (the second byte of its xxHash32).
 */
function lz4Stored(file: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x73])];
  for (let at = 0; at < file.length; at += 4 * 1024 * 1024) {
    const block = file.subarray(at, at + 4 * 1024 * 1024);
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0);
    parts.push(size, block);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

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

  it("INTAKE_REPLICA_CHECK_MINUTES: 60 unless set, 0 turns the check off, fractions are accepted, a negative or a word is refused by name", () => {
    expect(readEnv({}).INTAKE_REPLICA_CHECK_MINUTES).toBe(60);
    expect(readEnv({ INTAKE_REPLICA_CHECK_MINUTES: "0" }).INTAKE_REPLICA_CHECK_MINUTES).toBe(0);
    expect(readEnv({ INTAKE_REPLICA_CHECK_MINUTES: "0.5" }).INTAKE_REPLICA_CHECK_MINUTES).toBe(0.5);
    expect(() => readEnv({ INTAKE_REPLICA_CHECK_MINUTES: "-1" })).toThrow(/INTAKE_REPLICA_CHECK_MINUTES: Too small/);
    expect(() => readEnv({ INTAKE_REPLICA_CHECK_MINUTES: "hourly" })).toThrow(/INTAKE_REPLICA_CHECK_MINUTES/);
  });

  it("INTAKE_REPLICA_CHECK_MINUTES: a newest copy that restores damaged is found by the check, and Litestream starts afresh; restores are then sound and complete", async () => {
    const db = join(dir, "checked.sqlite");
    const replicaDir = join(dir, "replica-checked");
    const replica = `file://${replicaDir}`;
    // A check every 1.2 s.
    const { server, base, cookie } = await serve(db, replica, false, { INTAKE_REPLICA_CHECK_MINUTES: "0.02" });
    for (let n = 0; n < 200; n++) expect(await logCall(base, cookie, n)).not.toBeNull();
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/replica check: the newest copy restores and passes SQLite's integrity check/);

    // What a replica that lost commits gives: a newest generation whose copy fails the check. Here
    // an online backup of the primary with its phone index's root page zeroed, as Litestream stores it.
    const damaged = join(dir, "damaged.sqlite");
    const source = new Database(db, { readonly: true });
    await source.backup(damaged);
    source.close();
    expect(integrity(damaged)).toBe("ok");
    zeroIndexRoot(damaged, "lead_phone_idx");
    expect(integrity(damaged)).not.toBe("ok");
    const bytes = readFileSync(damaged);
    const generations = () => readdirSync(join(replicaDir, "generations")).sort();
    const live = generations();
    const generation = join(replicaDir, "generations", "ffffffffffffffff");
    mkdirSync(join(generation, "snapshots"), { recursive: true });
    const snapshot = join(generation, "snapshots", "00000000.snapshot.lz4");
    writeFileSync(snapshot, lz4Stored(bytes));
    // A restore takes the generation written last. The server's own background writes keep adding
    // to the live one, so this one is dated 10 s ahead: the newest until the calls below.
    const newestUntil = Date.now() + 10_000;
    utimesSync(snapshot, newestUntil / 1000, newestUntil / 1000);

    await expect
      .poll(() => server.output(), { timeout: 30_000 })
      .toMatch(/replica check failed: the newest copy is damaged \(.*\); Litestream starts a new generation from this database/);
    // The new generation's snapshot and log, written from now on, are newer than the damaged one.
    await new Promise((r) => setTimeout(r, Math.max(0, newestUntil + 1000 - Date.now())));
    for (let n = 200; n < 250; n++) expect(await logCall(base, cookie, n)).not.toBeNull();
    const afterDamage = () => server.output().split("the newest copy is damaged").at(-1)!;
    await expect.poll(afterDamage, { timeout: 30_000 }).toMatch(/replica check: the newest copy restores and passes/);
    // Litestream started a generation of its own: a new snapshot, not a repair of the damaged one.
    expect(generations().filter((g) => !live.includes(g) && g !== "ffffffffffffffff").length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/intake_replica_checks_total\{result="damaged"\} [1-9]/);
    expect(metrics).toMatch(/intake_replica_checks_total\{result="sound"\} [1-9]/);
    expect(metrics).toMatch(/intake_replica_last_sound_check_seconds [1-9]/);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const target = join(dir, "after-check.sqlite");
    copyFileSync(`${db}.keys`, `${target}.keys`);
    const restored = pnpmIntake(["restore", "--from-replica", replica, target], {});
    expect(await restored.exited, restored.output()).toBe(0);
    expect(restored.output()).not.toMatch(/integrity check \(/);
    expect(counts(target)).toEqual(counts(db));
    expect(counts(target).calls).toBe(250);
  });

  it("INTAKE_REPLICA_CHECK_MINUTES: when this database is damaged too, no new generation is started and /readyz says so", async () => {
    const db = join(dir, "both.sqlite");
    const replicaDir = join(dir, "replica-both");
    const { server, base, cookie } = await serve(db, `file://${replicaDir}`, false, { INTAKE_REPLICA_CHECK_MINUTES: "0.02" });
    for (let n = 0; n < 50; n++) expect(await logCall(base, cookie, n)).not.toBeNull();
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/replica check: the newest copy restores and passes/);
    // Damage that SQLite writes like any change, so Litestream ships it: the phone index's definition
    // rewritten under its entries, which then no longer match the rows.
    const c = new Database(db);
    // The driver keeps SQLite's defensive mode on, which refuses edits of the schema table.
    c.unsafeMode(true);
    const version = c.pragma("schema_version", { simple: true }) as number;
    c.pragma("writable_schema = ON");
    c.prepare("update sqlite_schema set sql = 'CREATE INDEX `lead_phone_idx` ON `lead` (`id`)' where name = 'lead_phone_idx'").run();
    c.pragma("writable_schema = OFF");
    c.pragma(`schema_version = ${version + 1}`);
    c.close();
    expect(integrity(db)).not.toBe("ok");
    const generations = () => readdirSync(join(replicaDir, "generations")).sort();
    const before = generations();

    await expect
      .poll(() => server.output(), { timeout: 30_000 })
      .toMatch(/replica check failed: the newest copy is damaged, and so is this database \(.*lead_phone_idx.*\): restore it from a backup/);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { replication: string } }).checks.replication).toMatch(
      /^this database fails SQLite's integrity check \(.*\); so does the replica's newest copy$/,
    );
    expect(generations()).toEqual(before);
    expect(server.output()).not.toMatch(/Litestream starts a new generation/);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("Litestream's errors reach the server's log: a replica it cannot reach is named there", async () => {
    const port = await freePort();
    const { server } = await serve(join(dir, "unreachable.sqlite"), `sftp://intake@127.0.0.1:${port}/replica`, false, { INTAKE_REPLICA_CHECK_MINUTES: "0" });
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/^litestream: .*level=ERROR.*127\.0\.0\.1/m);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("INTAKE_REPLICA_CHECK_MINUTES: a replica it cannot restore from is one line a check, counted, and tried again; a check's copy a crash left is removed at start", async () => {
    const home = join(dir, "unavailable");
    const stale = join(home, ".intake-replica-check-crashed");
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, "copy.sqlite"), "left by a process that died mid-check");
    const port = await freePort();
    const { server, base } = await serve(join(home, "u.sqlite"), `sftp://intake@127.0.0.1:${port}/replica`, false, { INTAKE_REPLICA_CHECK_MINUTES: "0.02" });
    expect(existsSync(stale)).toBe(false);
    const unavailable = /^replica check failed: Litestream could not restore a copy \(.+\)$/gm;
    await expect.poll(() => server.output().match(unavailable)?.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/intake_replica_checks_total\{result="unavailable"\} [1-9]/);
    // Litestream runs and retries: the server stays ready, and no new generation is begun.
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/new generation from this database/);
    expect(readdirSync(home).filter((name) => name.startsWith(".intake-replica-check-"))).toEqual([]);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
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

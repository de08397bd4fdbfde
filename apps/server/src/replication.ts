// Replication with Litestream: the server runs it for its database and keeps it running; Litestream
// ships every WAL change to the replica (a file:// path, s3:// bucket or sftp:// URL) about once a
// second and owns the checkpoints while it runs. `pnpm intake restore --from-replica` brings a copy back.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);
/** The Litestream binary (v0.3.13) from its npm package: nothing is downloaded at run time. */
export const LITESTREAM = join(dirname(require.resolve("@flydotio/litestream-linux-x64/package.json")), "litestream");

const RESTART_AFTER_MS = 1000;
// Litestream opens the database at its first sync, a second after it starts: stopped before that, it
// ships nothing (at its last sync it has nothing open). A stop waits for that much of its life.
const FIRST_SYNC_MS = 2000;

// Litestream has no way to notice its parent dying. This shell stays between the server and it:
// when the server is gone (even by SIGKILL) or asks it to stop, it stops Litestream, which then
// ships what it has not shipped yet.
const WATCHDOG = `
parent=$PPID
"$0" "$@" &
child=$!
trap 'kill -TERM $child 2>/dev/null; wait $child; exit' TERM INT
while kill -0 $parent 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
kill -TERM $child 2>/dev/null
wait $child
`;

export interface Replication {
  /** What is wrong, or null while Litestream runs. */
  problem(): string | null;
  /** Stops Litestream after its last sync. */
  stop(): Promise<void>;
}

/** One check of the replica: its newest copy restored aside and put through SQLite's integrity check. */
export interface ReplicaCheck {
  /** sound: it restores and passes; damaged: it restores and fails; unavailable: it does not restore. */
  result: "sound" | "damaged" | "unavailable";
  /** What SQLite or Litestream said, when not sound. */
  message?: string;
  ms: number;
}

export interface ReplicationOptions {
  /** Check the replica this often (ms); 0 or absent: never. */
  checkEveryMs?: number;
  onCheck?: (check: ReplicaCheck) => void;
}

// A check's copy is restored beside the database (the disk that has room for it), owner-only.
const CHECK_DIR_PREFIX = ".intake-replica-check-";

export function replicate(
  dbPath: string,
  replicaUrl: string,
  log: (message: string, level: "info" | "error") => void,
  opts: ReplicationOptions = {},
): Replication {
  const dir = mkdtempSync(join(tmpdir(), "intake-litestream-"));
  const config = join(dir, "litestream.yml");
  // Litestream logs to standard output unless told otherwise; its errors are read from standard error.
  writeFileSync(
    config,
    `logging:\n  stderr: true\ndbs:\n  - path: ${JSON.stringify(dbPath)}\n    replicas:\n      - url: ${JSON.stringify(replicaUrl)}\n        sync-interval: 1s\n`,
    {
      mode: 0o600,
    },
  );
  // Litestream's own state beside the database (v0.3's default place): the generation it writes, its copy of the log.
  const stateDir = join(dirname(dbPath), `.${basename(dbPath)}-litestream`);
  // A check's copy left behind by a process that died mid-check.
  for (const name of readdirSync(dirname(dbPath))) if (name.startsWith(CHECK_DIR_PREFIX)) rmSync(join(dirname(dbPath), name), { recursive: true, force: true });
  let child: ChildProcess | null = null;
  let stopping = false;
  let reseeding = false;
  let restarts = 0;
  let startedAt = 0;
  const start = () => {
    startedAt = performance.now();
    const started = spawn("sh", ["-c", WATCHDOG, LITESTREAM, "replicate", "-config", config], { stdio: ["ignore", "ignore", "pipe"] });
    started.stderr!.on("data", (b: Buffer) => {
      for (const line of b.toString().split("\n")) if (/error|fail/i.test(line)) log(`litestream: ${line.trim()}`, "error");
    });
    started.once("exit", (code) => {
      child = null;
      if (stopping || reseeding) return;
      restarts++;
      log(`litestream stopped (exit code ${code}); starting it again`, "error");
      setTimeout(() => void (!stopping && start()), RESTART_AFTER_MS).unref();
    });
    child = started;
  };
  /** Stops Litestream after its last sync. */
  const halt = () =>
    new Promise<void>((resolve) => {
      const current = child;
      if (!current) return resolve();
      current.once("exit", () => resolve());
      current.kill("SIGTERM");
    });
  // Without its state Litestream starts a new generation: a full snapshot of this database, and the
  // log from there on. Restores take the newest generation, so they no longer reach the damage.
  const reseed = async () => {
    reseeding = true;
    await halt();
    rmSync(stateDir, { recursive: true, force: true });
    reseeding = false;
    if (!stopping) start();
  };
  const aborts = new AbortController();
  let checking: Promise<void> | null = null;
  let damagedHere: string | null = null;
  const check = async () => {
    const result = await checkReplica(replicaUrl, dirname(dbPath), aborts.signal);
    if (stopping) return;
    opts.onCheck?.(result);
    const seconds = `${(result.ms / 1000).toFixed(1)} s`;
    if (result.result === "sound") log(`replica check: the newest copy restores and passes SQLite's integrity check (${seconds})`, "info");
    else if (result.result === "unavailable") log(`replica check failed: Litestream could not restore a copy (${result.message})`, "error");
    else {
      // A new generation helps only if this database is sound itself.
      const own = await integrityProblem(dbPath, aborts.signal);
      if (stopping) return;
      if (own) {
        damagedHere = own;
        log(`replica check failed: the newest copy is damaged, and so is this database (${own}): restore it from a backup`, "error");
        return;
      }
      log(`replica check failed: the newest copy is damaged (${result.message}); Litestream starts a new generation from this database`, "error");
      await reseed();
    }
  };
  const timer = opts.checkEveryMs
    ? setInterval(() => {
        if (checking || stopping) return;
        checking = check()
          .catch((error: unknown) => log(`replica check failed: ${error instanceof Error ? error.message : String(error)}`, "error"))
          .finally(() => (checking = null));
      }, opts.checkEveryMs)
    : null;
  timer?.unref();
  start();
  return {
    problem: () =>
      damagedHere
        ? `this database fails SQLite's integrity check (${damagedHere}); so does the replica's newest copy`
        : child || reseeding
          ? null
          : `litestream is not running (restarted ${restarts} times); the replica is falling behind`,
    stop: async () => {
      stopping = true;
      if (timer) clearInterval(timer);
      aborts.abort();
      await checking;
      const young = startedAt + FIRST_SYNC_MS - performance.now();
      if (child && young > 0) await new Promise((resolve) => setTimeout(resolve, young));
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Restored = { ok: true } | { ok: false; message: string };
const restoreArgs = (replicaUrl: string, target: string, timestamp?: string) => [
  "restore",
  "-o",
  target,
  ...(timestamp ? ["-timestamp", timestamp] : []),
  replicaUrl,
];
const restored = (status: number | null, output: string, target: string): Restored =>
  status === 0 && existsSync(target) ? { ok: true } : { ok: false, message: output.trim() || `exit code ${status}` };

/** Restores the newest copy (or the one at `timestamp`) from the replica into `target`; false with Litestream's words when it cannot. */
export function restoreReplica(replicaUrl: string, target: string, timestamp?: string): Restored {
  const result = spawnSync(LITESTREAM, restoreArgs(replicaUrl, target, timestamp), { encoding: "utf8" });
  return restored(result.status, result.stderr || result.stdout, target);
}

// Plain JavaScript, evaluated in a worker: SQLite's integrity check reads the whole copy, which
// takes seconds on a large database; the server's thread goes on answering meanwhile.
const INTEGRITY_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage(String(db.pragma("integrity_check", { simple: true })));
} finally {
  db.close();
}
`;

/**
 * Restores the replica's newest copy into a new owner-only directory in `besideDir`, runs SQLite's
 * integrity check on it off this thread, and removes it. The copy is read only by SQLite: no key is used.
 */
export async function checkReplica(replicaUrl: string, besideDir: string, signal?: AbortSignal): Promise<ReplicaCheck> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  const dir = mkdtempSync(join(besideDir, CHECK_DIR_PREFIX));
  const target = join(dir, "copy.sqlite");
  try {
    const copy = await new Promise<Restored>((resolve) => {
      const litestream = spawn(LITESTREAM, restoreArgs(replicaUrl, target), { stdio: ["ignore", "pipe", "pipe"], signal });
      let output = "";
      for (const stream of [litestream.stdout, litestream.stderr]) stream.on("data", (b: Buffer) => (output += b.toString()));
      litestream.once("error", (error) => resolve({ ok: false, message: error.message }));
      litestream.once("close", (status) => resolve(restored(status, output, target)));
    });
    // Litestream's last line says why (its first ones what it tried).
    if (!copy.ok) return { result: "unavailable", message: copy.message.split("\n").at(-1)!.slice(0, 300), ms: ms() };
    const problem = await integrityProblem(target, signal);
    if (signal?.aborted) return { result: "unavailable", message: "the check was stopped", ms: ms() };
    return problem ? { result: "damaged", message: problem, ms: ms() } : { result: "sound", ms: ms() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What SQLite's integrity check finds wrong with `file` (read only, off this thread), or null. */
export function integrityProblem(file: string, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(INTEGRITY_SOURCE, { eval: true, workerData: { file, driver: require.resolve("better-sqlite3") } });
    const abort = () => void worker.terminate();
    signal?.addEventListener("abort", abort, { once: true });
    // SQLite names pages and indexes, never a row's values.
    worker.once("message", (verdict: string) => resolve(verdict === "ok" ? null : verdict.replace(/\s*\n\s*/g, "; ").slice(0, 300)));
    worker.once("error", reject);
    worker.once("exit", () => {
      signal?.removeEventListener("abort", abort);
      resolve("the check was stopped");
    });
  });
}

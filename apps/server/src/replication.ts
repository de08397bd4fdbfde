// Replication with Litestream: the server runs it for its database and keeps it running; Litestream
// ships every WAL change to the replica (a file:// path, s3:// bucket or sftp:// URL) about once a
// second and owns the checkpoints while it runs. `pnpm intake restore --from-replica` brings a copy back.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The Litestream binary (v0.3.13) from its npm package: nothing is downloaded at run time. */
export const LITESTREAM = join(dirname(createRequire(import.meta.url).resolve("@flydotio/litestream-linux-x64/package.json")), "litestream");

const RESTART_AFTER_MS = 1000;

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

export function replicate(dbPath: string, replicaUrl: string, log: (message: string) => void): Replication {
  const dir = mkdtempSync(join(tmpdir(), "intake-litestream-"));
  const config = join(dir, "litestream.yml");
  writeFileSync(config, `dbs:\n  - path: ${JSON.stringify(dbPath)}\n    replicas:\n      - url: ${JSON.stringify(replicaUrl)}\n        sync-interval: 1s\n`, {
    mode: 0o600,
  });
  let child: ChildProcess | null = null;
  let stopping = false;
  let restarts = 0;
  const start = () => {
    const started = spawn("sh", ["-c", WATCHDOG, LITESTREAM, "replicate", "-config", config], { stdio: ["ignore", "ignore", "pipe"] });
    started.stderr!.on("data", (b: Buffer) => {
      for (const line of b.toString().split("\n")) if (/error|fail/i.test(line)) log(`litestream: ${line.trim()}`);
    });
    started.once("exit", (code) => {
      child = null;
      if (stopping) return;
      restarts++;
      log(`litestream stopped (exit code ${code}); starting it again`);
      setTimeout(() => void (!stopping && start()), RESTART_AFTER_MS).unref();
    });
    child = started;
  };
  start();
  return {
    problem: () => (child ? null : `litestream is not running (restarted ${restarts} times); the replica is falling behind`),
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const current = child;
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (!current) return done();
        current.once("exit", done);
        current.kill("SIGTERM");
      }),
  };
}

/** Restores the newest copy (or the one at `timestamp`) from the replica into `target`; false with Litestream's words when it cannot. */
export function restoreReplica(replicaUrl: string, target: string, timestamp?: string): { ok: true } | { ok: false; message: string } {
  const args = ["restore", "-o", target, ...(timestamp ? ["-timestamp", timestamp] : []), replicaUrl];
  const result = spawnSync(LITESTREAM, args, { encoding: "utf8" });
  if (result.status === 0 && existsSync(target)) return { ok: true };
  return { ok: false, message: (result.stderr || result.stdout || `exit code ${result.status}`).trim() };
}

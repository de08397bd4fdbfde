// Checkpoints off the request path. In WAL mode SQLite copies the log back into the database file
// every 1,000 pages, on whichever write happens to cross the line, fsync included: that request (and
// every one queued behind it) waits. A server hands the job to a worker thread with its own
// connection instead; the request thread only appends to the log.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./client.ts";

// Plain JavaScript, evaluated in the worker: it needs only the SQLite driver.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 50");
const walPath = workerData.path + "-wal";
const checkpoint = () => {
  const t0 = performance.now();
  try {
    // PASSIVE never waits for, nor blocks, the writer: it copies what no reader still needs.
    let [result] = db.pragma("wal_checkpoint(PASSIVE)");
    // Under steady writes the log never empties by itself. Once it is long, RESTART copies the few
    // pages written since, holding writers off for that moment, so the next write starts it afresh.
    // A log file grown past truncateBytes under a burst keeps its size when it starts afresh:
    // TRUNCATE does the same and empties the file.
    const oversized = (statSync(walPath, { throwIfNoEntry: false })?.size ?? 0) > workerData.truncateBytes;
    if (oversized) [result] = db.pragma("wal_checkpoint(TRUNCATE)");
    else if (result.log > workerData.restartPages) [result] = db.pragma("wal_checkpoint(RESTART)");
    parentPort.postMessage({ kind: "checkpoint", busy: result.busy, log: result.log, checkpointed: result.checkpointed, ms: performance.now() - t0 });
  } catch (error) {
    parentPort.postMessage({ kind: "error", message: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointReport {
  kind: "checkpoint" | "error";
  /** 1 when a RESTART could not finish because a writer or reader held on; it is tried again. */
  busy?: number;
  /** Pages in the log, and how many of them are now in the database file. */
  log?: number;
  checkpointed?: number;
  /** How long the checkpoint took. */
  ms?: number;
  message?: string;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Turns off the connection's own checkpoints and runs them on a worker thread every `intervalMs`.
 * Only for a long-running process on a file database; short-lived ones (the CLI, tests) keep SQLite's.
 */
export function startCheckpointer(
  db: Db,
  opts: {
    path: string;
    intervalMs?: number;
    /** A log file larger than this is emptied at the next checkpoint (default 64 MB). */
    truncateBytes?: number;
    onReport?: (report: CheckpointReport) => void;
  },
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: opts.path, driver, intervalMs: opts.intervalMs ?? 200, restartPages: 4096, truncateBytes: opts.truncateBytes ?? 64 * 1024 * 1024 },
  });
  db.$client.pragma("wal_autocheckpoint = 0");
  let exited = false;
  worker.on("message", (report: CheckpointReport) => opts.onReport?.(report));
  // A checkpointer that cannot run must not leave the log to grow: SQLite takes the job back.
  worker.on("error", (error) => {
    if (db.$client.open) db.$client.pragma("wal_autocheckpoint = 1000");
    opts.onReport?.({ kind: "error", message: error.message });
  });
  worker.on("exit", () => void (exited = true));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (db.$client.open) db.$client.pragma("wal_autocheckpoint = 1000");
        if (exited) return resolve();
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}

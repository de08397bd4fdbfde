// A database thread: its own connection, the operations requests hand it. The writer thread answers
// after each group commit; the reports thread answers each report as it is done, and only reads.
import { parentPort, workerData } from "node:worker_threads";
import { inWriteBatch, openDb } from "@intake/db";
import { funnelBehind, syncFunnel } from "../services/funnel.ts";
import { errorData, type ThreadKind, type ThreadReply, type ThreadRequest } from "./executor.ts";
import { REPORT_OPS, WRITE_OPS, type OpTable } from "./ops.ts";

const { kind, path, keysPath, sqliteCheckpoints } = workerData as { kind: ThreadKind; path: string; keysPath?: string; sqliteCheckpoints: boolean };
const writer = kind === "writes";
const db = openDb({ path, keysPath, migrate: false, readonly: !writer });
// Where a checkpointer thread copies the log back (startCheckpointer), this connection only appends.
if (writer && !sqliteCheckpoints) db.$client.pragma("wal_autocheckpoint = 0");
const ops: OpTable = writer ? WRITE_OPS : REPORT_OPS;
const port = parentPort!;
let pending = 0;
let closing = false;

const finish = () => {
  db.$client.close();
  port.close();
};

/**
 * The funnel's rows of leads changed since: recomputed here, in jobs of their own after the desk's
 * writes, never inside a logged call's job. Recomputing a lead costs about what the call that marked
 * it did (and writes several times its bytes), so while requests are waiting a job takes only a few
 * leads, and otherwise the writer waits for a quiet moment and then takes many: a lead called again
 * meanwhile is recomputed once, and after a burst little is left for a funnel read.
 */
const FUNNEL_STEP_BUSY = 4;
const FUNNEL_STEP_IDLE = 64;
const QUIET_MS = 50;
let catchingUp = false;
let lastMessageAt = 0;
let quietTimer: NodeJS.Timeout | null = null;

function catchUpFunnel(step: number): void {
  if (catchingUp || closing || !funnelBehind(db)) return;
  catchingUp = true;
  pending++;
  let more = false;
  inWriteBatch(db, () => syncFunnel(db, step))
    .then(
      (done) => void (more = done === step),
      () => {},
    )
    .finally(() => {
      pending--;
      catchingUp = false;
      if (more) afterJob();
      if (closing && pending === 0) finish();
    });
}

function afterJob(): void {
  const since = Date.now() - lastMessageAt;
  if (pending > 0) catchUpFunnel(FUNNEL_STEP_BUSY);
  else if (since >= QUIET_MS) catchUpFunnel(FUNNEL_STEP_IDLE);
  else
    quietTimer ??= setTimeout(() => {
      quietTimer = null;
      afterJob();
    }, QUIET_MS - since);
}

port.on("message", (message: ThreadRequest | "close") => {
  if (message === "close") {
    closing = true;
    if (quietTimer) clearTimeout(quietTimer);
    if (pending === 0) finish();
    return;
  }
  const { id, op, args } = message;
  lastMessageAt = Date.now();
  const run = () => (ops[op] as (target: typeof db, args: unknown) => unknown)(db, args);
  pending++;
  (writer ? inWriteBatch(db, run) : Promise.resolve().then(run))
    .then(
      (value) => port.postMessage({ id, ok: true, value } satisfies ThreadReply),
      (error: unknown) => port.postMessage({ id, ok: false, error: errorData(error) } satisfies ThreadReply),
    )
    .finally(() => {
      pending--;
      if (writer) afterJob();
      if (closing && pending === 0) finish();
    });
});

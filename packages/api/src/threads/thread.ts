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
 * it did, so while requests are waiting a job takes only a few leads (the desk's throughput is kept),
 * and once the writer is idle it takes many: after a burst little is left for a funnel read.
 */
const FUNNEL_STEP_BUSY = 4;
const FUNNEL_STEP_IDLE = 64;
let catchingUp = false;
function catchUpFunnel(): void {
  if (catchingUp || closing || !funnelBehind(db)) return;
  const step = pending > 0 ? FUNNEL_STEP_BUSY : FUNNEL_STEP_IDLE;
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
      if (more) catchUpFunnel();
      if (closing && pending === 0) finish();
    });
}

port.on("message", (message: ThreadRequest | "close") => {
  if (message === "close") {
    closing = true;
    if (pending === 0) finish();
    return;
  }
  const { id, op, args } = message;
  const run = () => (ops[op] as (target: typeof db, args: unknown) => unknown)(db, args);
  pending++;
  (writer ? inWriteBatch(db, run) : Promise.resolve().then(run))
    .then(
      (value) => port.postMessage({ id, ok: true, value } satisfies ThreadReply),
      (error: unknown) => port.postMessage({ id, ok: false, error: errorData(error) } satisfies ThreadReply),
    )
    .finally(() => {
      pending--;
      if (writer) catchUpFunnel();
      if (closing && pending === 0) finish();
    });
});

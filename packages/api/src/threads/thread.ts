// A database thread: its own connection, the operations requests hand it. The writer thread answers
// after each group commit; the reports thread answers each report as it is done, and only reads.
import { parentPort, workerData } from "node:worker_threads";
import { inWriteBatch, openDb, setBatchEpilogue } from "@intake/db";
import { funnelBehind, syncFunnel } from "../services/funnel.ts";
import { errorData, type ThreadKind, type ThreadReply, type ThreadRequest } from "./executor.ts";
import { FIRST_WRITE_OPS, REPORT_OPS, WRITE_OPS, type OpTable } from "./ops.ts";

const { kind, path, keysPath, sqliteCheckpoints } = workerData as { kind: ThreadKind; path: string; keysPath?: string; sqliteCheckpoints: boolean };
const writer = kind === "writes";
const db = openDb({ path, keysPath, migrate: false, readonly: !writer });
// Where a checkpointer thread copies the log back (startCheckpointer), this connection only appends.
if (writer && !sqliteCheckpoints) db.$client.pragma("wal_autocheckpoint = 0");
// A write that fires triggers (a call marks its lead for the funnel; a funnel row keeps the rollup)
// keeps a statement journal to undo it alone: held in memory, not in a temporary file. The writer's
// statements each touch a few pages; this took ~30 % off recomputing a lead's funnel rows.
if (writer) db.$client.pragma("temp_store = memory");
const ops: OpTable = writer ? WRITE_OPS : REPORT_OPS;
const port = parentPort!;
let pending = 0;
let closing = false;

const finish = () => {
  db.$client.close();
  port.close();
};

/**
 * The funnel's rows of leads changed since: recomputed here, at the end of every group commit, in
 * the same transaction as the writes that changed them (up to FUNNEL_STEP_COMMIT leads, about one
 * per job), so a funnel read right after a burst of calls finds nothing to catch up. A backlog
 * larger than that (a migration, a bulk change) is worked off in jobs of its own once the desk is quiet.
 * If recomputing fails, the leads stay marked and the writer leaves them for FUNNEL_RETRY_MS rather
 * than trying again with every commit (the desk's writes go on; a funnel read reports the failure).
 */
const FUNNEL_STEP_COMMIT = 128;
const FUNNEL_STEP_IDLE = 512;
const FUNNEL_RETRY_MS = 60_000;
const QUIET_MS = 50;
let funnelFailedAt = Number.NEGATIVE_INFINITY;
const funnelPaused = () => Date.now() - funnelFailedAt < FUNNEL_RETRY_MS;
/** One step of recomputing; a failure pauses the writer's own attempts. */
function syncStep(limit: number): number {
  try {
    return syncFunnel(db, limit);
  } catch (error) {
    funnelFailedAt = Date.now();
    throw error;
  }
}
if (writer) setBatchEpilogue(db, () => void (funnelPaused() || syncStep(FUNNEL_STEP_COMMIT)));
let catchingUp = false;
let lastMessageAt = 0;
let quietTimer: NodeJS.Timeout | null = null;

function catchUpFunnel(): void {
  if (catchingUp || closing || funnelPaused() || !funnelBehind(db)) return;
  catchingUp = true;
  pending++;
  let more = false;
  inWriteBatch(db, () => syncStep(FUNNEL_STEP_IDLE))
    .then(
      (done) => void (more = done === FUNNEL_STEP_IDLE),
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
  if (pending > 0 || closing) return;
  const since = Date.now() - lastMessageAt;
  if (since >= QUIET_MS) catchUpFunnel();
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
  (writer ? inWriteBatch(db, run, { first: FIRST_WRITE_OPS.has(op) }) : Promise.resolve().then(run))
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

// A database thread: its own connection, the operations requests hand it. The writer thread answers
// after each group commit; the reports thread answers each report as it is done.
import { parentPort, workerData } from "node:worker_threads";
import { inWriteBatch, openDb } from "@intake/db";
import { errorData, type ThreadKind, type ThreadReply, type ThreadRequest } from "./executor.ts";
import { REPORT_OPS, WRITE_OPS, type OpTable } from "./ops.ts";

const { kind, path, keysPath, sqliteCheckpoints } = workerData as { kind: ThreadKind; path: string; keysPath?: string; sqliteCheckpoints: boolean };
const db = openDb({ path, keysPath, migrate: false });
// Where a checkpointer thread copies the log back (startCheckpointer), this connection only appends.
if (!sqliteCheckpoints) db.$client.pragma("wal_autocheckpoint = 0");
const ops: OpTable = kind === "writes" ? WRITE_OPS : REPORT_OPS;
const port = parentPort!;
let pending = 0;
let closing = false;

const finish = () => {
  db.$client.close();
  port.close();
};

port.on("message", (message: ThreadRequest | "close") => {
  if (message === "close") {
    closing = true;
    if (pending === 0) finish();
    return;
  }
  const { id, op, args } = message;
  const run = () => (ops[op] as (target: typeof db, args: unknown) => unknown)(db, args);
  pending++;
  (kind === "writes" ? inWriteBatch(db, run) : Promise.resolve().then(run))
    .then(
      (value) => port.postMessage({ id, ok: true, value } satisfies ThreadReply),
      (error: unknown) => port.postMessage({ id, ok: false, error: errorData(error) } satisfies ThreadReply),
    )
    .finally(() => {
      pending--;
      if (closing && pending === 0) finish();
    });
});

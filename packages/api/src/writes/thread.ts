// The writer thread: its own connection, the writes requests hand it, answered after each group commit.
import { parentPort, workerData } from "node:worker_threads";
import { inWriteBatch, openDb } from "@intake/db";
import { errorReply, type WriteReply, type WriteRequest } from "./executor.ts";
import { WRITE_OPS } from "./ops.ts";

const { path, keysPath, sqliteCheckpoints } = workerData as { path: string; keysPath?: string; sqliteCheckpoints: boolean };
const db = openDb({ path, keysPath, migrate: false });
// Where a checkpointer thread copies the log back (startCheckpointer), this connection only appends.
if (!sqliteCheckpoints) db.$client.pragma("wal_autocheckpoint = 0");
const port = parentPort!;
let pending = 0;
let closing = false;

const finish = () => {
  db.$client.close();
  port.close();
};

port.on("message", (message: WriteRequest | "close") => {
  if (message === "close") {
    closing = true;
    if (pending === 0) finish();
    return;
  }
  const { id, op, args } = message;
  pending++;
  const run = WRITE_OPS[op] as (target: typeof db, args: unknown) => unknown;
  inWriteBatch(db, () => run(db, args))
    .then(
      (value) => port.postMessage({ id, ok: true, value } satisfies WriteReply),
      (error: unknown) => port.postMessage({ id, ok: false, error: errorReply(error) } satisfies WriteReply),
    )
    .finally(() => {
      pending--;
      if (closing && pending === 0) finish();
    });
});

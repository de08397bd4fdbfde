// Where the database work of a request runs. Inline: on the request's own connection (tests, the
// command line). On threads: the server's choice. Every write (each mutation with its audit entry,
// the audit entries of reads, session touches, the funnel's catch-up) goes to the one writer thread,
// which commits the writes arriving together at once; managers' figures go to a reports thread that
// only reads. Each has its own connection, so SQLite's work for one request overlaps the HTTP and
// tRPC work of others on the other core. A caller hears back only after its write is committed.
import { Worker } from "node:worker_threads";
import { inWriteBatch, type Db, type OpenedDb } from "@intake/db";
import type { EventSink } from "../events.ts";
import { errorData, fromErrorData, type ErrorData, type MutationJob, type MutationName, type MutationResult } from "./mutations.ts";
import { FIRST_WRITE_OPS, REPORT_OPS, WRITE_OPS, type OpArgs, type OpName, type OpResult, type OpTable } from "./ops.ts";

export { errorData };

export interface Executor<Ops extends OpTable> {
  run<K extends OpName<Ops>>(op: K, args: OpArgs<Ops, K>): Promise<OpResult<Ops, K>>;
  /** Operations handed to the thread and not answered yet (inline: none is ever waiting). */
  pending?(): number;
  /** Finishes what was handed over, then lets go of the thread (nothing to do inline). */
  close(): Promise<void>;
}
export type WriteExecutor = Executor<typeof WRITE_OPS>;
export type ReportExecutor = Executor<typeof REPORT_OPS>;

type Connection = Db & OpenedDb;
const call = (ops: OpTable, op: string, db: Connection, args: unknown) => (ops[op] as (db: Connection, args: unknown) => unknown)(db, args);

/** Writes on `db` itself, in the next group commit. */
export function inlineWrites(db: Connection): WriteExecutor {
  return {
    run: (op, args) =>
      inWriteBatch(db, () => call(WRITE_OPS, op, db, args), { first: FIRST_WRITE_OPS.has(op) }) as Promise<OpResult<typeof WRITE_OPS, typeof op>>,
    close: async () => {},
  };
}

/** Reports on `db` itself. */
export function inlineReports(db: Connection): ReportExecutor {
  return {
    run: async (op, args) => call(REPORT_OPS, op, db, args) as OpResult<typeof REPORT_OPS, typeof op>,
    close: async () => {},
  };
}

/** What crosses between the threads: a request for an operation, and its answer. */
export interface ThreadRequest {
  id: number;
  op: string;
  args: unknown;
}
export type ThreadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData };

/**
 * Runs a change with its audit entry on the writer and answers with its result once committed; the
 * events its services emitted are emitted here then (live streams listen on the request thread).
 */
export async function mutate<K extends MutationName>(
  writes: WriteExecutor,
  events: EventSink,
  job: MutationJob & { name: K },
  /** Told once the writer answered: the change (or its refusal) and its audit entry are stored. */
  stored: () => void = () => {},
): Promise<MutationResult<K>> {
  const outcome = await writes.run("mutate", job);
  stored();
  if (!outcome.ok) throw fromErrorData(outcome.error);
  for (const event of outcome.events) events.emit(event);
  return outcome.value as MutationResult<K>;
}

export interface ThreadOptions {
  /** The database file (and its key file) the thread opens for itself. */
  path: string;
  keysPath?: string | undefined;
  /** False when a checkpointer thread runs (startCheckpointer): then this connection leaves checkpoints to it. */
  sqliteCheckpoints?: boolean;
  /**
   * A module whose `register()` lets the thread load TypeScript (the server passes tsx's
   * `tsx/esm/api`): module hooks of the main thread do not reach a worker.
   */
  preload?: string | undefined;
}

export type ThreadKind = "writes" | "reports";

// The thread starts as plain JavaScript: register the preload's hooks, then load the thread module.
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
(async () => {
  if (workerData.preload) (await import(workerData.preload)).register();
  await import(workerData.entry);
})();
`;

/**
 * A thread with its own connection. If it dies, the callers waiting on it fail and the next request
 * starts a new one; each thread answers only its own callers. After close() it takes no more work.
 */
function threadExecutor<Ops extends OpTable>(kind: ThreadKind, opts: ThreadOptions): Executor<Ops> {
  type Waiting = Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>;
  let current: { thread: Worker; waiting: Waiting } | null = null;
  let closed = false;
  let nextId = 1;

  const start = () => {
    const thread = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        // Compiled (the server's build bundles this module), the thread is `thread.js` beside it.
        entry: new URL(import.meta.url.endsWith(".ts") ? "./thread.ts" : "./thread.js", import.meta.url).href,
        kind,
        preload: opts.preload,
        path: opts.path,
        keysPath: opts.keysPath,
        sqliteCheckpoints: opts.sqliteCheckpoints ?? true,
      },
    });
    const waiting: Waiting = new Map();
    const started = { thread, waiting };
    thread.on("message", (reply: ThreadReply) => {
      const caller = waiting.get(reply.id);
      if (!caller) return;
      waiting.delete(reply.id);
      if (reply.ok) caller.resolve(reply.value);
      else caller.reject(fromErrorData(reply.error));
    });
    const fail = (error: Error) => {
      if (current === started) current = null;
      for (const caller of waiting.values()) caller.reject(error);
      waiting.clear();
    };
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`The ${kind} thread stopped (exit code ${code}).`)));
    return started;
  };
  current = start();

  return {
    run: <K extends OpName<Ops>>(op: K, args: OpArgs<Ops, K>) =>
      new Promise<OpResult<Ops, K>>((resolve, reject) => {
        if (closed) return reject(new Error(`The ${kind} thread is closed.`));
        current ??= start();
        const id = nextId++;
        current.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        current.thread.postMessage({ id, op, args } satisfies ThreadRequest);
      }),
    pending: () => current?.waiting.size ?? 0,
    close: async () => {
      closed = true;
      const last = current;
      current = null;
      if (!last) return;
      // Everything already handed over is answered first: the thread closes its port once it has.
      const exited = new Promise<void>((resolve) => last.thread.once("exit", () => resolve()));
      last.thread.postMessage("close");
      await exited;
    },
  };
}

export const threadWrites = (opts: ThreadOptions): WriteExecutor => threadExecutor("writes", opts);
export const threadReports = (opts: ThreadOptions): ReportExecutor => threadExecutor("reports", opts);

// Where a request's writes run. Inline: on the request's own connection, in the next group commit
// (tests, the command line). On a writer thread: the server's choice, so that SQLite's work for
// one request overlaps the HTTP and tRPC work of the next on the other core. Either way a caller
// hears back only after its write is committed.
import { Worker } from "node:worker_threads";
import { inWriteBatch, type Db, type OpenedDb } from "@intake/db";
import { AppError, type AppErrorCode } from "../errors.ts";
import { WRITE_OPS, type WriteArgs, type WriteOp, type WriteResult } from "./ops.ts";

export interface WriteExecutor {
  run<K extends WriteOp>(op: K, args: WriteArgs<K>): Promise<WriteResult<K>>;
  /** Finishes what was handed over, then lets go of the thread (a no-op inline). */
  close(): Promise<void>;
}

export function inlineWrites(db: Db & OpenedDb): WriteExecutor {
  return {
    run: (op, args) => inWriteBatch(db, () => (WRITE_OPS[op] as (db: Db & OpenedDb, args: unknown) => WriteResult<typeof op>)(db, args)),
    close: async () => {},
  };
}

/** What crosses between the threads: a request for a write, and its answer. */
export interface WriteRequest {
  id: number;
  op: WriteOp;
  args: unknown;
}
export type WriteReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { app: true; code: AppErrorCode; message: string } | { app: false; name: string; message: string } };

/** Plain data for an error; an AppError keeps its code and words, anything else only its name. */
export function errorReply(error: unknown): Extract<WriteReply, { ok: false }>["error"] {
  if (error instanceof AppError) return { app: true, code: error.code, message: error.message };
  return { app: false, name: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) };
}

export function fromErrorReply(error: Extract<WriteReply, { ok: false }>["error"]): Error {
  if (error.app) return new AppError(error.code, error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

export interface ThreadWritesOptions {
  /** The database file (and its key file) the writer thread opens for itself. */
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

// The thread starts as plain JavaScript: register the preload's hooks, then load the thread module.
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
(async () => {
  if (workerData.preload) (await import(workerData.preload)).register();
  await import(workerData.entry);
})();
`;

/** A writer thread with its own connection. If the thread dies, waiting callers fail and the next write starts a new one. */
export function threadWrites(opts: ThreadWritesOptions): WriteExecutor {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();

  const start = () => {
    const thread = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        entry: new URL("./thread.ts", import.meta.url).href,
        preload: opts.preload,
        path: opts.path,
        keysPath: opts.keysPath,
        sqliteCheckpoints: opts.sqliteCheckpoints ?? true,
      },
    });
    thread.on("message", (reply: WriteReply) => {
      const caller = waiting.get(reply.id);
      if (!caller) return;
      waiting.delete(reply.id);
      if (reply.ok) caller.resolve(reply.value);
      else caller.reject(fromErrorReply(reply.error));
    });
    const fail = (error: Error) => {
      if (worker === thread) worker = null;
      for (const caller of waiting.values()) caller.reject(error);
      waiting.clear();
    };
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`The writer thread stopped (exit code ${code}).`)));
    return thread;
  };
  worker = start();

  return {
    run: <K extends WriteOp>(op: K, args: WriteArgs<K>) =>
      new Promise<WriteResult<K>>((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, op, args } satisfies WriteRequest);
      }),
    close: async () => {
      const thread = worker;
      worker = null;
      if (!thread) return;
      // Everything already handed over is answered first: the thread closes its port once it has.
      const exited = new Promise<void>((resolve) => thread.once("exit", () => resolve()));
      thread.postMessage("close");
      await exited;
    },
  };
}

// Group commit. Writes that arrive while the event loop is busy share one transaction, so the disk
// sees one commit for many requests instead of one each. Every job runs in its own savepoint: a job
// that throws rolls back alone and fails only its own caller. Callers hear back after the commit,
// so nothing acknowledged can be lost.
import type Database from "better-sqlite3";
import type { Db } from "./client.ts";

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Writer {
  queue: Job[];
  /** Run after each batch's jobs, in the same transaction (setBatchEpilogue). */
  epilogue: (() => void) | null;
  /** One transaction around every job queued since the last flush. */
  batch: Database.Transaction<(jobs: Job[]) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>>;
}

/** SQLite rolled the whole batch back: nothing in it is stored. */
export class BatchRolledBack extends Error {
  constructor(cause: unknown) {
    super("The write could not be stored: the database rolled the whole transaction back.", { cause });
    this.name = "BatchRolledBack";
  }
}

const writers = new WeakMap<Database.Database, Writer>();

function writerFor(sqlite: Database.Database): Writer {
  let writer = writers.get(sqlite);
  if (writer) return writer;
  // Nested in the batch's transaction, better-sqlite3 runs this one as a savepoint.
  const savepoint = sqlite.transaction((run: () => unknown) => run());
  const batch = sqlite.transaction((jobs: Job[]) => {
    const outcomes = jobs.map((job) => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: savepoint(job.run) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      // Some failures (a full disk, an I/O error, ON CONFLICT ROLLBACK) make SQLite roll back the
      // whole transaction itself: the jobs before are undone too, and the rest must not run on their own.
      if (!sqlite.inTransaction) throw new BatchRolledBack(outcome.ok ? undefined : outcome.error);
      return outcome;
    });
    if (writer!.epilogue) {
      try {
        savepoint(writer!.epilogue);
      } catch {
        // Undone alone (its savepoint): the epilogue's work is there to do again after the next batch.
      }
      if (!sqlite.inTransaction) throw new BatchRolledBack(undefined);
    }
    return outcomes;
  });
  writer = { queue: [], epilogue: null, batch };
  writers.set(sqlite, writer);
  return writer;
}

function flush(writer: Writer): void {
  const jobs = writer.queue;
  writer.queue = [];
  let outcomes;
  try {
    // Immediate: the write lock is taken up front, so a batch never fails half-way on a lock upgrade.
    outcomes = writer.batch.immediate(jobs);
  } catch (error) {
    // The batch did not commit: none of its writes is stored, and every caller hears so.
    for (const job of jobs) job.reject(error);
    return;
  }
  outcomes.forEach((outcome, i) => (outcome.ok ? jobs[i]!.resolve(outcome.value) : jobs[i]!.reject(outcome.error)));
}

/**
 * Work that follows every batch on this connection, in its transaction after its jobs (in a savepoint
 * of its own: if it throws, it is undone alone and the jobs still commit). The writer keeps the
 * funnel's rows current this way.
 */
export function setBatchEpilogue(db: Db, run: (() => void) | null): void {
  writerFor(db.$client).epilogue = run;
}

/**
 * Runs `job` (synchronous, on this connection) in the next group commit and resolves with its result
 * once that commit is on disk. The job must not emit events or answer anyone itself: until the
 * promise resolves, its writes are not yet committed.
 */
export function inWriteBatch<T>(db: Db, job: () => T): Promise<T> {
  const writer = writerFor(db.$client);
  return new Promise<T>((resolve, reject) => {
    // The first job of a batch schedules its flush after the I/O already waiting (other requests) is read.
    if (writer.queue.length === 0) setImmediate(flush, writer);
    writer.queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
  });
}

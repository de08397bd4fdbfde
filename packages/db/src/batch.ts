// Group commit. Writes that arrive while the event loop is busy share one transaction, so the disk
// sees one commit for many requests instead of one each. Every job runs in its own savepoint: a job
// that throws rolls back alone and fails only its own caller. Callers hear back after the commit,
// so nothing acknowledged can be lost.
// A transaction holds at most MAX_BATCH_JOBS jobs, and small jobs marked `first` (a read's audit
// entry, a session's last-seen) commit in a transaction of their own ahead of the queue: under a
// burst of calls a read's answer waits for the batch already running, not for every call queued.
import type Database from "better-sqlite3";
import type { Db } from "./client.ts";

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** When its batch first found the database locked (performance.now()), while it is retried. */
  lockedSince?: number;
}

interface Writer {
  queue: Job[];
  /** Jobs to commit before the queue (inWriteBatch's `first`). */
  first: Job[];
  /** A flush is scheduled. */
  scheduled: boolean;
  /** The last batch was `first` jobs: the next one takes from the queue, so a stream of them cannot hold it back. */
  tookFirst: boolean;
  /** Run after each batch of queued jobs, in the same transaction (setBatchEpilogue); not after `first` jobs. */
  epilogue: (() => void) | null;
  /** The running batch's transaction began (its first job was reached). */
  began: boolean;
  /** After the database was found locked, no batch begins before this time (performance.now()). */
  lockedUntil: number;
  /** One transaction around every job queued since the last flush. */
  batch: Database.Transaction<(jobs: Job[], epilogue: boolean) => Array<{ ok: true; value: unknown } | { ok: false; error: unknown }>>;
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
  const batch = sqlite.transaction((jobs: Job[], epilogue: boolean) => {
    writer!.began = true;
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
    if (epilogue && writer!.epilogue) {
      try {
        savepoint(writer!.epilogue);
      } catch {
        // Undone alone (its savepoint): the epilogue's work is there to do again after the next batch.
      }
      if (!sqlite.inTransaction) throw new BatchRolledBack(undefined);
    }
    return outcomes;
  });
  writer = { queue: [], first: [], scheduled: false, tookFirst: false, epilogue: null, began: false, lockedUntil: 0, batch };
  writers.set(sqlite, writer);
  return writer;
}

/**
 * Jobs in one transaction at most. Fewer commits write fewer pages (jobs share the pages they touch)
 * but a job arriving meanwhile waits for the whole batch: at ~0.5 ms of SQLite work per call, 32
 * calls hold the writer for ~16 ms.
 */
export const MAX_BATCH_JOBS = 32;

/**
 * How long a batch whose transaction could not begin because the database was locked is tried
 * again before its callers hear so. SQLite's own wait (busy_timeout) covers most locks, but it
 * gives up early in some: a checkpointer restarting the write-ahead log can leave BEGIN failing
 * after tens of milliseconds. No job of the batch has run then, so trying again loses nothing.
 */
export const LOCKED_RETRY_MS = 5_000;
const LOCKED_PAUSE_MS = 10;

const isLocked = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: unknown }).code === "SQLITE_BUSY";

function flush(writer: Writer): void {
  writer.scheduled = false;
  // Found locked a moment ago: wait out the pause rather than trying again at once, however many jobs are queued.
  const pause = writer.lockedUntil - performance.now();
  if (pause > 0) {
    writer.scheduled = true;
    setTimeout(flush, pause, writer);
    return;
  }
  let jobs: Job[];
  writer.tookFirst = writer.first.length > 0 && (!writer.tookFirst || writer.queue.length === 0);
  if (writer.tookFirst) jobs = writer.first.splice(0, MAX_BATCH_JOBS);
  else jobs = writer.queue.splice(0, MAX_BATCH_JOBS);
  // What is left waits for the I/O already arrived (other requests' jobs, which may go first), and
  // the answers to this batch go out before the next one runs.
  if (writer.first.length + writer.queue.length > 0) schedule(writer);
  let outcomes;
  writer.began = false;
  try {
    // Immediate: the write lock is taken up front, so a batch never fails half-way on a lock upgrade.
    // `first` jobs are a read's entry or a session's last-seen: they leave nothing for the epilogue,
    // which is kept out of their transaction so that a backlog of its work never delays them.
    outcomes = writer.batch.immediate(jobs, !writer.tookFirst);
  } catch (error) {
    // Locked before the transaction began: no job ran. The batch goes back to the front of its line.
    const now = performance.now();
    if (!writer.began && isLocked(error) && jobs.every((job) => now - (job.lockedSince ??= now) < LOCKED_RETRY_MS)) {
      (writer.tookFirst ? writer.first : writer.queue).unshift(...jobs);
      writer.lockedUntil = now + LOCKED_PAUSE_MS;
      if (!writer.scheduled) schedule(writer);
      return;
    }
    // The batch did not commit: none of its writes is stored, and every caller hears so.
    for (const job of jobs) job.reject(error);
    return;
  }
  outcomes.forEach((outcome, i) => (outcome.ok ? jobs[i]!.resolve(outcome.value) : jobs[i]!.reject(outcome.error)));
}

/**
 * Work that follows every batch of queued jobs on this connection, in its transaction after its jobs
 * (in a savepoint of its own: if it throws, it is undone alone and the jobs still commit). Batches of
 * `first` jobs skip it. The writer keeps the funnel's rows current this way.
 */
export function setBatchEpilogue(db: Db, run: (() => void) | null): void {
  writerFor(db.$client).epilogue = run;
}

/**
 * Runs `job` (synchronous, on this connection) in the next group commit and resolves with its result
 * once that commit is on disk. The job must not emit events or answer anyone itself: until the
 * promise resolves, its writes are not yet committed. `first`: a small job someone waits on, which
 * commits ahead of the queued ones (in a transaction with the other `first` jobs only).
 */
export function inWriteBatch<T>(db: Db, job: () => T, { first = false }: { first?: boolean } = {}): Promise<T> {
  const writer = writerFor(db.$client);
  return new Promise<T>((resolve, reject) => {
    (first ? writer.first : writer.queue).push({ run: job, resolve: resolve as (value: unknown) => void, reject });
    if (!writer.scheduled) schedule(writer);
  });
}

/** The flush runs after the I/O already waiting (other requests' jobs) is read. */
function schedule(writer: Writer): void {
  writer.scheduled = true;
  setImmediate(flush, writer);
}

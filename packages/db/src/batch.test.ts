import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { inWriteBatch, LOCKED_RETRY_MS, MAX_BATCH_JOBS, setBatchEpilogue } from "./batch.ts";
import { closeDb, openDb, type Db } from "./client.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let db: Db;
let path: string;
let n = 0;
beforeEach(() => {
  path = join(dir, `batch-${++n}.sqlite`);
  db = openDb({ path, migrate: false });
  db.$client.exec("create table note (id integer primary key, text text not null unique)");
});
afterEach(() => closeDb(db));

const insert = (text: string) => () => db.$client.prepare("insert into note (text) values (?) returning id").pluck().get(text) as number;
const stored = () => db.$client.prepare("select text from note order by id").pluck().all();

describe("inWriteBatch", () => {
  it("commits jobs queued together in one transaction, and answers each only after that commit", async () => {
    const other = new Database(path, { readonly: true });
    const seenByOtherConnection: unknown[][] = [];
    const first = inWriteBatch(db, insert("first"));
    const second = inWriteBatch(db, () => {
      // Still inside the batch: the first job's row is written on this connection but not committed.
      expect(db.$client.inTransaction).toBe(true);
      seenByOtherConnection.push(other.prepare("select text from note").pluck().all());
      return insert("second")();
    });
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(seenByOtherConnection).toEqual([[]]);
    expect(other.prepare("select text from note order by id").pluck().all()).toEqual(["first", "second"]);
    other.close();
  });

  it("rolls back only the job that threw and rejects only its caller", async () => {
    const results = await Promise.allSettled([
      inWriteBatch(db, insert("kept")),
      inWriteBatch(db, () => {
        insert("half-done")();
        insert("kept")(); // unique constraint: this job fails after one write of its own
      }),
      inWriteBatch(db, insert("also kept")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(stored()).toEqual(["kept", "also kept"]);
  });

  it("tries a batch that found the database locked again, and stores each job once when the lock is gone", async () => {
    // SQLite's own wait is off here, so the lock fails BEGIN at once, as it sometimes does under a
    // checkpoint that restarts the write-ahead log.
    const blocker = new Database(path);
    blocker.pragma("busy_timeout = 0");
    db.$client.pragma("busy_timeout = 0");
    blocker.exec("begin immediate");
    let runs = 0;
    const counted = (text: string) => () => (runs++, insert(text)());
    const pending = Promise.allSettled([inWriteBatch(db, counted("a")), inWriteBatch(db, counted("b")), inWriteBatch(db, counted("c"), { first: true })]);
    await new Promise((r) => setTimeout(r, 60));
    expect(stored()).toEqual([]);
    blocker.exec("commit");
    blocker.close();
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(stored().sort()).toEqual(["a", "b", "c"]);
    expect(runs).toBe(3);
  });

  it("pauses between tries while the database is locked, however many jobs are queued", async () => {
    const blocker = new Database(path);
    blocker.pragma("busy_timeout = 0");
    db.$client.pragma("busy_timeout = 0");
    blocker.exec("begin immediate");
    // More than one batch's worth: a flush is always scheduled while they wait.
    const pending = Promise.all(Array.from({ length: MAX_BATCH_JOBS + 8 }, (_, i) => inWriteBatch(db, insert(`job ${i}`))));
    const loop = performance.eventLoopUtilization();
    await new Promise((r) => setTimeout(r, 300));
    const busy = performance.eventLoopUtilization(loop).utilization;
    blocker.exec("commit");
    blocker.close();
    await pending;
    expect(stored()).toHaveLength(MAX_BATCH_JOBS + 8);
    // Trying again at once would keep this thread's event loop busy for the whole 300 ms.
    expect(busy).toBeLessThan(0.5);
  });

  it(`rejects every caller when the database stays locked for ${LOCKED_RETRY_MS} ms, and stores none of it`, { timeout: LOCKED_RETRY_MS + 5_000 }, async () => {
    const blocker = new Database(path);
    blocker.pragma("busy_timeout = 0");
    db.$client.pragma("busy_timeout = 0");
    blocker.exec("begin immediate");
    const started = performance.now();
    const results = await Promise.allSettled([inWriteBatch(db, insert("a")), inWriteBatch(db, insert("b"))]);
    const waited = performance.now() - started;
    blocker.exec("rollback");
    blocker.close();
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(results.map((r) => r.status === "rejected" && (r.reason as { code?: string }).code)).toEqual(["SQLITE_BUSY", "SQLITE_BUSY"]);
    expect(waited).toBeGreaterThanOrEqual(LOCKED_RETRY_MS);
    expect(stored()).toEqual([]);
  });

  it("does not run a batch again once its transaction began, even when its commit finds the database locked", async () => {
    // A rollback journal (not WAL): a reader's shared lock makes COMMIT fail, after the jobs ran.
    const journalPath = join(dir, `journal-${n}.sqlite`);
    const writer = new Database(journalPath);
    writer.pragma("busy_timeout = 0");
    writer.exec("create table note (id integer primary key, text text not null)");
    const reader = new Database(journalPath);
    reader.exec("begin");
    reader.prepare("select count(*) from note").get();
    let runs = 0;
    const job = () => (runs++, writer.prepare("insert into note (text) values ('once')").run());
    const results = await Promise.allSettled([inWriteBatch({ $client: writer } as Db, job)]);
    reader.exec("rollback");
    expect(results.map((r) => r.status)).toEqual(["rejected"]);
    expect(runs).toBe(1);
    expect(reader.prepare("select count(*) from note").pluck().get()).toBe(0);
    reader.close();
    writer.close();
  });

  it("starts a new batch for jobs queued after a flush", async () => {
    const other = new Database(path, { readonly: true });
    // data_version changes on another connection's commit: one step per batch.
    const commits = () => other.pragma("data_version", { simple: true }) as number;
    const before = commits();
    await inWriteBatch(db, insert("one"));
    const afterFirst = commits();
    let seenDuringSecond: unknown[] = [];
    await inWriteBatch(db, () => {
      // A new transaction: the first batch is committed, this job's own write is not yet.
      expect(db.$client.inTransaction).toBe(true);
      const id = insert("two")();
      seenDuringSecond = other.prepare("select text from note order by id").pluck().all();
      return id;
    });
    expect(afterFirst).not.toBe(before);
    expect(commits()).not.toBe(afterFirst);
    expect(seenDuringSecond).toEqual(["one"]);
    expect(stored()).toEqual(["one", "two"]);
    other.close();
  });
});

describe("inWriteBatch under a burst", () => {
  /** Each job notes which transaction it ran in (SQLite's data_version on another connection counts commits). */
  function recorder() {
    const other = new Database(path, { readonly: true });
    const commitsSeen = () => other.pragma("data_version", { simple: true }) as number;
    const ran: { name: string; commit: number }[] = [];
    const job = (name: string) => () => {
      ran.push({ name, commit: commitsSeen() });
      return insert(name)();
    };
    return { ran, job, close: () => other.close() };
  }

  it(`commits at most ${MAX_BATCH_JOBS} jobs at a time, and answers each batch before the next one runs`, async () => {
    const { ran, job, close } = recorder();
    const answeredBefore: number[] = [];
    const calls = Array.from({ length: MAX_BATCH_JOBS * 2 + 5 }, (_, i) => inWriteBatch(db, job(`call ${i}`)).then(() => answeredBefore.push(ran.length)));
    await Promise.all(calls);
    const sizes: number[] = [];
    ran.forEach((r, i) => (i > 0 && r.commit === ran[i - 1]!.commit ? sizes[sizes.length - 1]!++ : sizes.push(1)));
    expect(sizes).toEqual([MAX_BATCH_JOBS, MAX_BATCH_JOBS, 5]);
    // The first batch's callers heard back while the second batch had not run yet.
    expect(answeredBefore.slice(0, MAX_BATCH_JOBS).every((n) => n === MAX_BATCH_JOBS)).toBe(true);
    expect(stored()).toHaveLength(MAX_BATCH_JOBS * 2 + 5);
    close();
  });

  it("commits a job marked first ahead of the queued ones, in a transaction of its own", async () => {
    const { ran, job, close } = recorder();
    const order: string[] = [];
    const calls = Array.from({ length: MAX_BATCH_JOBS * 3 }, (_, i) => inWriteBatch(db, job(`call ${i}`)).then(() => order.push(`call ${i}`)));
    // Arrives while the first batch is running (after it started, as a request would).
    const read = new Promise<number>((resolve) => setImmediate(() => void inWriteBatch(db, job("read's entry"), { first: true }).then(resolve)));
    await read;
    order.push("read's entry");
    await Promise.all(calls);
    const readAt = ran.findIndex((r) => r.name === "read's entry");
    // It ran right after the batch that was running when it came, before the calls still queued.
    expect(readAt).toBe(MAX_BATCH_JOBS);
    expect(ran.filter((r) => r.commit === ran[readAt]!.commit).map((r) => r.name)).toEqual(["read's entry"]);
    expect(order.indexOf("read's entry")).toBe(MAX_BATCH_JOBS);
    expect(stored()).toHaveLength(MAX_BATCH_JOBS * 3 + 1);
    close();
  });

  it("takes from the queue after every batch of jobs marked first, however many keep coming", async () => {
    const { ran, job, close } = recorder();
    const calls = Array.from({ length: MAX_BATCH_JOBS * 4 }, (_, i) => inWriteBatch(db, job(`call ${i}`)));
    // A read's entry arrives before every flush, for as long as calls are queued.
    const reads: Promise<number>[] = [];
    const reading = new Promise<void>((resolve) => {
      const next = () => {
        if (ran.filter((r) => r.name.startsWith("call")).length === MAX_BATCH_JOBS * 4 || reads.length === 100) return resolve();
        reads.push(inWriteBatch(db, job(`read ${reads.length + 1}`), { first: true }));
        setImmediate(next);
      };
      next();
    });
    await reading;
    await Promise.all([...calls, ...reads]);
    const kinds: string[] = [];
    ran.forEach((r, i) => {
      if (i === 0 || r.commit !== ran[i - 1]!.commit) kinds.push(r.name.split(" ")[0]!);
    });
    // Batches of reads and batches of calls take turns until the calls are done: the calls were
    // never held back for longer than one batch of reads.
    const lastCall = kinds.lastIndexOf("call");
    expect(lastCall).toBe(7);
    expect(kinds.slice(0, lastCall + 1)).toEqual(kinds.slice(0, lastCall + 1).map((_, i) => (i % 2 === 0 ? "read" : "call")));
    close();
  });

  it(`commits jobs marked first ${MAX_BATCH_JOBS} at a time too, and runs the epilogue only after the queue's batches`, async () => {
    const { ran, job, close } = recorder();
    let epilogues = 0;
    setBatchEpilogue(db, () => void epilogues++);
    await Promise.all(Array.from({ length: MAX_BATCH_JOBS + 8 }, (_, i) => inWriteBatch(db, job(`read ${i}`), { first: true })));
    const sizes: number[] = [];
    ran.forEach((r, i) => (i > 0 && r.commit === ran[i - 1]!.commit ? sizes[sizes.length - 1]!++ : sizes.push(1)));
    expect(sizes).toEqual([MAX_BATCH_JOBS, 8]);
    expect(epilogues).toBe(0);
    await inWriteBatch(db, job("call"));
    expect(epilogues).toBe(1);
    close();
  });
});

describe("setBatchEpilogue", () => {
  it("runs after every batch's jobs, in the same transaction, before anyone is answered", async () => {
    const other = new Database(path, { readonly: true });
    const seen: { rows: unknown[]; committed: unknown[] }[] = [];
    setBatchEpilogue(db, () => {
      seen.push({ rows: stored(), committed: other.prepare("select text from note order by id").pluck().all() });
      insert(`after ${stored().length}`)();
    });
    const answers = await Promise.all([inWriteBatch(db, insert("a")), inWriteBatch(db, insert("b"))]);
    // Once, after both jobs, and neither was committed yet: the epilogue's row commits with them.
    expect(seen).toEqual([{ rows: ["a", "b"], committed: [] }]);
    expect(answers).toEqual([1, 2]);
    expect(other.prepare("select text from note order by id").pluck().all()).toEqual(["a", "b", "after 2"]);
    other.close();
  });

  it("undoes only itself when it throws: the jobs still commit and their callers hear so", async () => {
    setBatchEpilogue(db, () => {
      insert("epilogue's half")();
      throw new Error("epilogue failed");
    });
    await expect(Promise.all([inWriteBatch(db, insert("a")), inWriteBatch(db, insert("b"))])).resolves.toEqual([1, 2]);
    expect(stored()).toEqual(["a", "b"]);
  });
});

describe("inWriteBatch when SQLite rolls the whole transaction back", () => {
  it("fails every job of the batch, stores none of them, and runs none after the rollback", async () => {
    let ranAfter = false;
    const results = await Promise.allSettled([
      inWriteBatch(db, insert("before")),
      // ON CONFLICT ROLLBACK undoes the whole transaction, not just this statement.
      inWriteBatch(db, () => db.$client.prepare("insert or rollback into note (text) values ('before')").run()),
      inWriteBatch(db, () => {
        ranAfter = true;
        return insert("after")();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(ranAfter).toBe(false);
    expect(stored()).toEqual([]);
    // The next batch starts clean.
    await inWriteBatch(db, insert("next"));
    expect(stored()).toEqual(["next"]);
  });
});

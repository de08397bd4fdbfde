import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startCheckpointer, type CheckpointReport } from "./checkpoint.ts";
import { closeDb, openDb } from "./client.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("startCheckpointer", () => {
  it("takes checkpoints off the writing connection and copies the log back on its own thread", async () => {
    const path = join(dir, "log.sqlite");
    const db = openDb({ path, migrate: false });
    db.$client.exec("create table note (id integer primary key, text text not null)");
    const reports: CheckpointReport[] = [];
    const checkpointer = startCheckpointer(db, { path, intervalMs: 20, onReport: (r) => reports.push(r) });
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);

    // Well past SQLite's own 1,000-page checkpoint: with its checkpoints off, the writer never copies.
    const insert = db.$client.prepare("insert into note (text) values (?)");
    db.$client.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run("x".repeat(2000));
    })();
    const walPages = statSync(`${path}-wal`).size / 4096;
    expect(walPages).toBeGreaterThan(1000);

    await expect.poll(() => reports.some((r) => r.kind === "checkpoint" && r.log! > 1000 && r.checkpointed === r.log), { timeout: 5000 }).toBe(true);
    expect(reports.filter((r) => r.kind === "error")).toEqual([]);

    await checkpointer.stop();
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(db.$client.prepare("select count(*) from note").pluck().get()).toBe(3000);
    closeDb(db);
  });

  it("empties a log file grown past truncateBytes under a burst; connections do not cut it themselves", async () => {
    const path = join(dir, "burst.sqlite");
    const db = openDb({ path, migrate: false });
    db.$client.exec("create table note (id integer primary key, text text not null)");
    const reports: CheckpointReport[] = [];
    const checkpointer = startCheckpointer(db, { path, intervalMs: 20, truncateBytes: 2 * 1024 * 1024, onReport: (r) => reports.push(r) });
    // About 4 MB in one commit: fewer pages than a RESTART waits for, more than the file may keep.
    const insert = db.$client.prepare("insert into note (text) values (?)");
    db.$client.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run("x".repeat(4000));
    })();
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(2 * 1024 * 1024);
    await expect.poll(() => statSync(`${path}-wal`).size, { timeout: 5000 }).toBe(0);
    expect(reports.filter((r) => r.kind === "error")).toEqual([]);
    // Written again, the log starts from its first frame, in a file no larger than that commit.
    insert.run("after");
    expect(statSync(`${path}-wal`).size).toBeLessThan(64 * 1024);
    await checkpointer.stop();
    expect(db.$client.prepare("select count(*) from note").pluck().get()).toBe(1001);
    closeDb(db);
  });
});

// Migrations 0016 and 0017 keep funnel_rollup equal to the summed weight of funnel_measure by UTC day
// and by block of 32 days: filled from the rows already there, then followed by triggers through
// every write.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COUNT_MEASURES } from "@intake/domain";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "./client.ts";
import { openMigratedUpTo } from "./migratedUpTo.ts";

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "intake-db-rollup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Sqlite = ReturnType<typeof openDb>["$client"];
const counted = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      `select * from (
         select 0 as span, created_at / ${DAY} as period, measure, bucket, sum(weight) as n from funnel_measure group by 2, 3, 4
         union all select 5, created_at / ${32 * DAY}, measure, bucket, sum(weight) from funnel_measure group by 2, 3, 4
       ) where n <> 0 order by 1, 2, 3, 4`,
    )
    .all();
const kept = (sqlite: Sqlite) => sqlite.prepare("select span, period, measure, bucket, n from funnel_rollup where n <> 0 order by 1, 2, 3, 4").all();

/** A small deterministic generator, so a failure can be replayed. */
function randomFrom(seed: number) {
  return (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
}

/** Creation times over ~200 days from 2026-01-01, with some exactly on a day's or a block's first millisecond. */
function createdAt(random: (n: number) => number): number {
  const day = 20_454 + random(200); // 2026-01-01 is day 20,454
  const roll = random(4);
  return roll === 0 ? day * DAY : roll === 1 ? Math.floor(day / 32) * 32 * DAY : day * DAY + random(DAY);
}

let lastLead = 0;
function insertRows(sqlite: Sqlite, random: (n: number) => number, leads: number) {
  const insert = sqlite.prepare("insert into funnel_measure (id, lead_id, measure, bucket, value, created_at) values (?, ?, ?, ?, ?, ?)");
  for (const end = lastLead + leads; lastLead < end;) {
    const lead = ++lastLead;
    const at = createdAt(random);
    for (let measure = 0; measure < 16; measure++) {
      if (measure > 0 && random(3) === 0) continue;
      const bucket = random(12);
      insert.run(lead * 16 + measure, lead, measure, bucket, bucket * 1000, at);
    }
  }
}

describe("funnel_rollup", () => {
  it("counts the rows already there when the migration runs, by day and by 32-day block", () => {
    const path = join(dir, "in-use.sqlite");
    const { db: old } = openMigratedUpTo(dir, path, "0015_funnel_rows_written_whole");
    insertRows(old.$client, randomFrom(11), 150);
    closeDb(old);

    const db = openDb({ path });
    expect(counted(db.$client).length).toBeGreaterThan(100);
    expect(kept(db.$client)).toEqual(counted(db.$client));
    closeDb(db);
  });

  it("moves each count measure's count into its row's weight when migration 0017 runs, and sums the weights", () => {
    const path = join(dir, "counts.sqlite");
    const { db: old } = openMigratedUpTo(dir, path, "0016_funnel_rollup");
    const insert = old.$client.prepare("insert into funnel_measure (id, lead_id, measure, bucket, value, created_at) values (?, ?, ?, ?, ?, ?)");
    const random = randomFrom(5);
    const before = new Map<number, { measure: number; value: number }>();
    for (let lead = 1; lead <= 120; lead++) {
      const at = createdAt(random);
      for (const measure of [0, 3, 9, 10, 11, 12, 13, 14, 15]) {
        // Before 0017 a count was its row's value and bucket; a stage's bucket is its duration's.
        const value = measure === 3 ? 1 + random(500_000) : 1 + random(6);
        insert.run(lead * 16 + measure, lead, measure, measure === 3 ? 40 + random(50) : value, value, at);
        before.set(lead * 16 + measure, { measure, value });
      }
    }
    closeDb(old);

    const db = openDb({ path });
    const rows = db.$client.prepare("select id, bucket, value, weight from funnel_measure").all() as {
      id: number;
      bucket: number;
      value: number;
      weight: number;
    }[];
    expect(rows).toHaveLength(before.size);
    for (const r of rows) {
      const { measure, value } = before.get(r.id)!;
      if (COUNT_MEASURES.includes(measure)) expect(r).toEqual({ id: r.id, bucket: 0, value: 0, weight: value });
      else expect([r.value, r.weight]).toEqual([value, 1]);
    }
    expect(kept(db.$client)).toEqual(counted(db.$client));
    closeDb(db);
  });

  it("follows every insert, change and delete of funnel rows in the same transaction, and ignores writes that change no count", () => {
    const db = openDb({ path: ":memory:" });
    const sqlite = db.$client;
    const random = randomFrom(7);
    insertRows(sqlite, random, 200);
    const ids = () => sqlite.prepare("select id from funnel_measure").pluck().all() as number[];
    for (let i = 0; i < 1_500; i++) {
      const all = ids();
      const id = all[random(all.length)]!;
      const roll = random(13);
      if (roll < 4) sqlite.prepare("update funnel_measure set bucket = ?, value = ? where id = ?").run(random(12), random(99_999), id);
      else if (roll < 5) sqlite.prepare("update funnel_measure set created_at = created_at + ? where id = ?").run(random(3) * DAY + random(1000), id);
      else if (roll < 6) sqlite.prepare("update funnel_measure set created_at = ? where id = ?").run(createdAt(random), id);
      else if (roll < 7) sqlite.prepare("update funnel_measure set measure = (measure + 1) % 16, id = id + 1000000 where id = ?").run(id);
      else if (roll < 8) sqlite.prepare("update funnel_measure set value = ?, language = 'es' where id = ?").run(random(99_999), id);
      else if (roll < 9) sqlite.prepare("delete from funnel_measure where id = ?").run(id);
      else if (roll < 10) insertRows(sqlite, random, 1);
      // A count's row that another call moves: its weight alone, or with its key.
      else if (roll < 12) sqlite.prepare("update funnel_measure set weight = ? where id = ?").run(random(9), id);
      else sqlite.prepare("update funnel_measure set weight = ?, bucket = ? where id = ?").run(random(9), random(12), id);
    }
    // A transaction that is undone leaves the counts as they were.
    const before = kept(sqlite);
    expect(() =>
      sqlite.transaction(() => {
        sqlite.prepare("delete from funnel_measure where id in (select id from funnel_measure limit 50)").run();
        throw new Error("undo");
      })(),
    ).toThrow("undo");
    expect(kept(sqlite)).toEqual(before);
    expect(kept(sqlite)).toEqual(counted(sqlite));
    closeDb(db);
  });
});

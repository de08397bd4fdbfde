// An unfiltered cohort's histogram is read from funnel_rollup's whole days and 32-day blocks plus
// the part-days at its ends; it must equal the count of the cohort's rows, whatever the range.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, openDb, preparedSql } from "@intake/db";
import { writeAfterStatement } from "../testing/between.ts";
import { funnelFigures, histogramSql, histograms, valuesAtRanks, type Histogram } from "./funnel.ts";

const DAY = 86_400_000;
const START = Date.parse("2026-01-01T00:00:00Z");

/** The cohort's histogram counted row by row in funnel_measure, as for a filtered cohort. */
function countedRowByRow(sqlite: ReturnType<typeof openDb>["$client"], from: number, to: number): Histogram[] {
  const rows = preparedSql(sqlite, histogramSql("")).all({ from, to }) as { measure: number; bucket: number; n: number }[];
  const out: Histogram[] = Array.from({ length: 16 }, () => []);
  for (const r of rows) if (r.n > 0) out[r.measure]!.push({ bucket: r.bucket, n: r.n });
  return out;
}

describe("an unfiltered cohort's histogram", () => {
  const db = openDb({ path: ":memory:" });
  const sqlite = db.$client;
  let seed = 3;
  const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  const insert = sqlite.prepare("insert into funnel_measure (id, lead_id, measure, bucket, value, created_at, channel) values (?, ?, ?, ?, ?, ?, 'call')");
  sqlite.transaction(() => {
    for (let lead = 1; lead <= 3_000; lead++) {
      // Over 300 days, some on a day's or a 32-day block's first or last millisecond.
      const day = Math.floor(START / DAY) + random(300);
      const roll = random(5);
      const at = roll === 0 ? day * DAY : roll === 1 ? Math.floor(day / 32) * 32 * DAY : roll === 2 ? day * DAY - 1 : day * DAY + random(DAY);
      insert.run(lead * 16, lead, 0, 0, 0, at);
      for (let measure = 1; measure < 16; measure++) {
        if (random(2) === 0) continue;
        const value = random(5) * 3_600_000 + random(1000);
        insert.run(lead * 16 + measure, lead, measure, 1 + Math.floor(value / 600_000), value, at);
      }
    }
  })();

  it("equals the rows counted one by one for ranges within a day, across days and across 32-day blocks", () => {
    const ranges: [number, number][] = [
      [START, START + 365 * DAY],
      [START + 5 * DAY, START + 6 * DAY], // exactly one UTC day
      [START + 5 * DAY + 1, START + 6 * DAY - 1], // inside one day
      [START + 8 * 3_600_000, START + 9 * DAY + 8 * 3_600_000], // clinic days: 08:00 UTC to 08:00 UTC
      [Math.floor(START / DAY / 32 + 1) * 32 * DAY - 1, Math.floor(START / DAY / 32 + 3) * 32 * DAY + 1], // a millisecond either side of two whole blocks
      [START + 100 * DAY, START + 100 * DAY], // empty
    ];
    for (let i = 0; i < 60; i++) {
      const a = START - 10 * DAY + random(320) * DAY + random(DAY);
      ranges.push([a, a + random(250) * DAY + random(DAY)]);
    }
    for (const [from, to] of ranges)
      expect(histograms(sqlite, { from, to }), `${new Date(from).toISOString()} – ${new Date(to).toISOString()}`).toEqual(countedRowByRow(sqlite, from, to));
  });

  it("reads the value at every rank exactly, counting from whichever end of its bucket is nearer", () => {
    const f = { from: START + 20 * DAY + 7 * 3_600_000, to: START + 240 * DAY + 7 * 3_600_000 };
    const cohort = sqlite.prepare("select value from funnel_measure where measure = ? and created_at >= ? and created_at < ?").pluck();
    for (const [measure, filter] of [
      [1, {}],
      [5, {}],
      [8, { channel: "call" as const }],
    ] as const) {
      const values = (cohort.all(measure, f.from, f.to) as number[]).sort((a, b) => a - b);
      expect(values.length).toBeGreaterThan(300);
      const ranks = values.map((_, i) => i + 1);
      const hist = histograms(sqlite, { ...f, ...filter })[measure]!;
      expect(valuesAtRanks(sqlite, { ...f, ...filter }, measure, hist, ranks)).toEqual(values);
    }
  });

  it("gives the same figures as the same cohort read through a filter that every row passes", () => {
    const f = { from: START + 7 * 3_600_000, to: START + 200 * DAY + 7 * 3_600_000 };
    const unfiltered = funnelFigures(db, f);
    expect(unfiltered.stages[0]!.count).toBeGreaterThan(1_500);
    expect(unfiltered).toEqual(funnelFigures(db, { ...f, channel: "call" }));
  });
});

describe("a funnel read while the writer commits", () => {
  it("reads every part of one answer in one snapshot: a row moved between two of its statements is counted once", () => {
    const dir = mkdtempSync(join(tmpdir(), "intake-funnel-snapshot-"));
    const path = join(dir, "funnel.sqlite");
    const writer = openDb({ path });
    const insert = writer.$client.prepare("insert into funnel_measure (id, lead_id, measure, bucket, value, created_at) values (?, ?, 0, 0, 0, ?)");
    // 20 leads on whole days of the cohort, one of them on a day the rollup answers for.
    for (let lead = 1; lead <= 20; lead++) insert.run(lead * 16, lead, START + (lead + 1) * DAY + 3_600_000);
    const reader = openDb({ path, readonly: true, migrate: false });
    const f = { from: START + 8 * 3_600_000, to: START + 30 * DAY + 8 * 3_600_000 };

    // Once armed, right after the rollup's whole days are read, the writer moves lead 5 into the
    // first part-day, which the same answer counts afterwards.
    const between = writeAfterStatement(reader, "from funnel_rollup", () =>
      writer.$client.prepare("update funnel_measure set created_at = ? where id = ?").run(START + 12 * 3_600_000, 5 * 16),
    );
    expect(funnelFigures(reader, f).stages[0]!.count).toBe(20);
    between.arm();
    expect(funnelFigures(reader, f).stages[0]!.count).toBe(20);
    expect(between.done()).toBe(true);
    // The next answer sees the move, once.
    expect(funnelFigures(reader, f).stages[0]!.count).toBe(20);
    closeDb(reader);
    closeDb(writer);
    rmSync(dir, { recursive: true, force: true });
  });
});

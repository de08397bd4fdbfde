// A report's groups and its total are one answer: read in one snapshot, they add up even when a
// call is committed while the report is being read.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@intake/db";
import { writeAfterStatement } from "../testing/between.ts";
import { reportBySource } from "./report.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-report-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a report read while the writer commits", () => {
  it("counts a lead that arrives between two groups in neither the groups nor the total", () => {
    const path = join(dir, "report.sqlite");
    const writer = openDb({ path });
    const insert = writer.$client.prepare(
      "insert into funnel_measure (id, lead_id, measure, bucket, value, created_at, source) values (?, ?, 0, 0, 0, ?, 'Google Ads')",
    );
    const mid = Date.parse("2026-01-15T18:00:00Z");
    for (let lead = 1; lead <= 20; lead++) insert.run(lead * 16, lead, mid + lead * 60_000);
    const reader = openDb({ path, readonly: true, migrate: false });

    // Once armed, right after the first group's rows are read, the writer commits lead 21.
    const between = writeAfterStatement(reader, "source = @source", () => insert.run(21 * 16, 21, mid));
    const input = { from: "2026-01-01", to: "2026-01-31" };
    const counts = (report: ReturnType<typeof reportBySource>) => ({
      total: report.total.stages[0]!.count,
      groups: report.groups.reduce((sum, g) => sum + g.funnel.stages[0]!.count, 0),
    });
    expect(counts(reportBySource(reader, input))).toEqual({ total: 20, groups: 20 });
    between.arm();
    expect(counts(reportBySource(reader, input))).toEqual({ total: 20, groups: 20 });
    expect(between.done()).toBe(true);
    // The next report sees the new lead, in its group and in the total.
    expect(counts(reportBySource(reader, input))).toEqual({ total: 21, groups: 21 });
    closeDb(reader);
    closeDb(writer);
  });
});

// Migration 0012 gives every lead already in the database a channel and first and last touch from
// what was recorded before (the coordinator's free-text source, else the line's), and the funnel's rows their channel.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "./client.ts";
import { openMigratedUpTo } from "./migratedUpTo.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-db-attribution-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lead channel and attribution backfill", () => {
  it("existing leads become call leads whose touches carry the source as recorded, the last at the latest inbound call", () => {
    const path = join(dir, "in-use.sqlite");
    const { db: old } = openMigratedUpTo(dir, path, "0010_faq_answers_and_lead_language");
    const run = (sql: string, ...params: unknown[]) => old.$client.prepare(sql).run(...params);
    run("insert into line (id, number, label, source) values (1, '+18185550100', 'Ads line', 'Google Ads'), (2, '+18185550101', 'Plain line', null)");
    const lead = (id: number, source: string | null, lineId: number | null) =>
      run(
        "insert into lead (id, name, phone, phone_index, phone_last7_index, phone_last4_index, source, line_id, status, created_at, updated_at) values (?, 'P', 'x', 'a', 'b', 'c', ?, ?, 'new', 1000, 1000)",
        id,
        source,
        lineId,
      );
    lead(1, null, 1); // source only from its line
    lead(2, "Dr. Kim referral", 1); // the coordinator's words win over the line's
    lead(3, null, 2); // nothing recorded anywhere
    run(
      "insert into call (direction, line_id, other_number, other_number_index, started_at, duration_seconds, outcome, lead_id) values ('inbound', 1, 'x', 'a', 5000, 60, 'connected', 2), ('outbound', 1, 'x', 'a', 9000, 60, 'connected', 2)",
    );
    run("insert into funnel_measure (id, lead_id, measure, bucket, value, created_at) values (16, 1, 0, 0, 0, 1000)");
    closeDb(old);

    const db = openDb({ path });
    const rows = db.$client.prepare("select id, channel, first_source, first_at, last_source, last_at, first_campaign from lead order by id").all() as Record<
      string,
      unknown
    >[];
    expect(rows).toEqual([
      { id: 1, channel: "call", first_source: "Google Ads", first_at: 1000, last_source: "Google Ads", last_at: 1000, first_campaign: null },
      { id: 2, channel: "call", first_source: "Dr. Kim referral", first_at: 1000, last_source: "Dr. Kim referral", last_at: 5000, first_campaign: null },
      { id: 3, channel: "call", first_source: null, first_at: 1000, last_source: null, last_at: 1000, first_campaign: null },
    ]);
    expect(db.$client.prepare("select channel from funnel_measure where id = 16").pluck().get()).toBe("call");
    closeDb(db);
  });
});

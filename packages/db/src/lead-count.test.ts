// The triggers of migration 0003 keep lead_status_count equal to a count of the lead table.
import { describe, expect, it } from "vitest";
import { LEAD_STATUSES } from "@intake/domain";
import { openDb } from "./client.ts";

const counted = (db: ReturnType<typeof openDb>) =>
  Object.fromEntries(db.$client.prepare("select status, count(*) as n from lead group by status").raw().all() as [string, number][]);
const kept = (db: ReturnType<typeof openDb>) =>
  Object.fromEntries(db.$client.prepare("select status, n from lead_status_count where n <> 0").raw().all() as [string, number][]);

describe("lead_status_count", () => {
  it("follows every insert, status change and delete, and ignores writes that keep the status", () => {
    const db = openDb({ path: ":memory:" });
    const sqlite = db.$client;
    sqlite.exec("insert into line (number, label, created_at) values ('+18188052469', 'Main', 0)");
    const insert = sqlite.prepare(
      "insert into lead (phone, phone_index, phone_last7_index, phone_last4_index, status, line_id, created_at, updated_at) values ('x', ?, 'x', 'x', ?, 1, 0, 0)",
    );
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    for (let i = 0; i < 300; i++) insert.run(`p${i}`, LEAD_STATUSES[random(LEAD_STATUSES.length)]);
    for (let i = 0; i < 600; i++) {
      const id = 1 + random(300);
      const roll = random(10);
      if (roll < 6) sqlite.prepare("update lead set status = ? where id = ?").run(LEAD_STATUSES[random(LEAD_STATUSES.length)], id);
      else if (roll < 8) sqlite.prepare("update lead set status = status, name = 'renamed', updated_at = ? where id = ?").run(i, id);
      else sqlite.prepare("delete from lead where id = ?").run(id);
    }
    expect(kept(db)).toEqual(counted(db));
    db.$client.close();
  });
});

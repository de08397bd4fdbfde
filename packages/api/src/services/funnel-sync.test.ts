// What recomputing a lead writes: a count that moved (another call) rewrites its row's weight and no
// entry of funnel_measure's nine indexes; a row whose figures moved rewrites an entry in each.
import { describe, expect, it } from "vitest";
import { closeDb, openDb } from "@intake/db";
import { SYNC_SQL } from "./funnel.ts";

/** The opcodes of a statement's own program, before the triggers' programs that EXPLAIN lists after it. */
function mainProgram(sqlite: ReturnType<typeof openDb>["$client"], sql: string, params: Record<string, unknown>) {
  const rows = sqlite.prepare(`explain ${sql}`).all(params) as { opcode: string }[];
  return rows.slice(0, rows.findIndex((r) => r.opcode === "Halt") + 1).map((r) => r.opcode);
}

describe("recomputing a lead's funnel rows", () => {
  const db = openDb({ path: ":memory:" });
  const sqlite = db.$client;
  const row = {
    id: 16,
    bucket: 1,
    value: 1,
    weight: 2,
    created_at: 0,
    source: null,
    line_id: null,
    coordinator_id: null,
    language: "en",
    referrer_id: null,
    channel: "call",
    medium: null,
    campaign: null,
  };

  it("rewrites only the row when a count's weight moves: no index entry is deleted or written", () => {
    const ops = mainProgram(sqlite, SYNC_SQL.reweigh, { id: 16, weight: 2 });
    expect(ops).toContain("Insert");
    expect(ops.filter((o) => o === "OpenWrite")).toHaveLength(1);
    expect(ops.filter((o) => o === "IdxDelete" || o === "IdxInsert")).toEqual([]);
  });

  it("moves a row in each of the nine indexes when its figures change", () => {
    const ops = mainProgram(sqlite, SYNC_SQL.update, row);
    expect(ops.filter((o) => o === "IdxDelete")).toHaveLength(9);
    expect(ops.filter((o) => o === "IdxInsert")).toHaveLength(9);
    closeDb(db);
  });
});

// A page of the lead list and its total are one answer: read in one snapshot, they agree even when a
// lead is committed between the two statements.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb, phoneIndexes, schema, type Db } from "@intake/db";
import { writeAfterStatement } from "../testing/between.ts";
import { findLeads } from "./lead.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-lead-list-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const addLead = (db: Db, n: number) => {
  const phone = `+1818555${String(n).padStart(4, "0")}`;
  db.insert(schema.lead)
    .values({ name: `Caller ${n}`, phone, ...phoneIndexes(db, phone), source: "Website", createdAt: new Date(), updatedAt: new Date() })
    .run();
};

describe("a page of the lead list read while the writer commits", () => {
  it.each([{ search: undefined }, { search: "Caller" }])("gives the total of the same moment as its items (search: $search)", ({ search }) => {
    const path = join(dir, `list-${search ?? "all"}.sqlite`);
    const writer = openDb({ path });
    for (let n = 1; n <= 20; n++) addLead(writer, n);
    const reader = openDb({ path, readonly: true, migrate: false });
    // Once armed, right after the page's rows are read (the statement with a limit), the writer commits one more lead.
    const between = writeAfterStatement(reader, " limit ", () => addLead(writer, 21));
    const page = () => {
      const { items, total } = findLeads(reader, { page: 1, perPage: 50, sort: "-createdAt", ...(search ? { search } : {}) });
      return { items: items.length, total };
    };
    expect(page()).toEqual({ items: 20, total: 20 });
    between.arm();
    expect(page()).toEqual({ items: 20, total: 20 });
    expect(between.done()).toBe(true);
    expect(page()).toEqual({ items: 21, total: 21 });
    closeDb(reader);
    closeDb(writer);
  });
});

// Each database handle encrypts and reads with its own key file, however many are open in one process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "./client.ts";
import { FieldCipher, phoneIndexes } from "./crypto.ts";
import { loadKeys } from "./keys.ts";
import { perConnection } from "./prepared.ts";
import * as schema from "./schema.ts";
import { seedBase } from "./seed.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-two-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const addLead = perConnection((db) =>
  db
    .insert(schema.lead)
    .values({ name: "Two Dbs", phone: "+18185550100", phoneIndex: "x", phoneLast7Index: "x", phoneLast4Index: "x", status: "new", updatedAt: new Date() })
    .returning({ id: schema.lead.id })
    .prepare(),
);

describe("two databases in one process", () => {
  it("write and read each under its own keys, also with statements prepared before the other opened", () => {
    const paths = { a: join(dir, "a.sqlite"), b: join(dir, "b.sqlite") };
    const a = openDb({ path: paths.a });
    seedBase(a);
    const prepared = addLead(a);
    const b = openDb({ path: paths.b });
    seedBase(b);
    const write = (db: typeof a, phone: string, note: string) => {
      const lead = db
        .insert(schema.lead)
        .values({ name: "Two Dbs", phone, ...phoneIndexes(db, phone), status: "new", updatedAt: new Date() })
        .returning()
        .get();
      db.transaction((tx) => tx.insert(schema.task).values({ leadId: lead.id, kind: "callback", note, dueAt: new Date(), createdAt: new Date() }).run());
      return lead.id;
    };
    const inA = write(a, "+18185550101", "note in a");
    const inB = write(b, "+18185550102", "note in b");
    const preparedId = prepared.get()!.id;
    expect(a.select().from(schema.lead).where(eq(schema.lead.id, inA)).get()?.phone).toBe("+18185550101");
    expect(b.select().from(schema.lead).where(eq(schema.lead.id, inB)).get()?.phone).toBe("+18185550102");
    expect(a.query.task.findFirst().sync()).toMatchObject({ note: "note in a" });
    expect(b.query.task.findFirst().sync()).toMatchObject({ note: "note in b" });
    // The blind indexes differ too: each database's index key.
    expect(phoneIndexes(a, "+18185550101").phoneIndex).not.toBe(phoneIndexes(b, "+18185550101").phoneIndex);
    closeDb(a);
    closeDb(b);

    // On disk, each file's ciphertext opens with its own key file only.
    for (const [name, path] of Object.entries(paths)) {
      const own = new FieldCipher(loadKeys(`${path}.keys`));
      const other = new FieldCipher(loadKeys(`${paths[name === "a" ? "b" : "a"]}.keys`));
      const reopened = openDb({ path });
      const phones = reopened.$client.prepare("select phone from lead order by id").pluck().all() as string[];
      const notes = reopened.$client.prepare("select note from task").pluck().all() as string[];
      expect(phones.map((p) => own.decrypt(p))).toEqual(name === "a" ? ["+18185550101", "+18185550100"] : ["+18185550102"]);
      expect(notes.map((n) => own.decrypt(n))).toEqual([`note in ${name}`]);
      for (const value of [...phones, ...notes]) expect(() => other.decrypt(value)).toThrow();
      expect(
        reopened
          .select()
          .from(schema.lead)
          .all()
          .map((l) => l.phone)
          .sort(),
      ).toEqual(phones.map((p) => own.decrypt(p)).sort());
      closeDb(reopened);
    }
    expect(preparedId).toBeGreaterThan(0);
  });
});

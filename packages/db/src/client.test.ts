import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { closeDb, openDb } from "./client.ts";
import { emailIndex, phoneIndexes } from "./crypto.ts";
import * as schema from "./schema.ts";
import { seedBase } from "./seed.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDb", () => {
  it("creates the file, applies migrations and sets the pragmas the app relies on", () => {
    const db = openDb({ path: join(dir, "nested", "intake.sqlite") });
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["call", "lead", "lead_event", "line", "session", "user"]));
    closeDb(db);
  });

  it("maps the file into memory for the writer only: a reader's map is torn down whenever another connection commits", () => {
    const path = join(dir, "mapped.sqlite");
    const writer = openDb({ path });
    const reader = openDb({ path, readonly: true });
    expect(writer.$client.pragma("mmap_size", { simple: true })).toBe(1073741824);
    expect(reader.$client.pragma("mmap_size", { simple: true })).toBe(0);
    closeDb(reader);
    closeDb(writer);
  });

  it("never cuts the log back when it starts afresh: a replicator copying the old log's last commits after its checkpoint still finds them", () => {
    // Litestream's order: copy the log, checkpoint, then copy what was committed in between. If our
    // first write into the emptied log cut the file (journal_size_limit), those commits would be gone.
    const path = join(dir, "replicated.sqlite");
    const db = openDb({ path, migrate: false });
    db.$client.exec("create table blob (id integer primary key, data blob not null)");
    // As in the server while Litestream runs: the replicator alone checkpoints.
    db.$client.pragma("wal_autocheckpoint = 0");
    const burst = (mb: number) =>
      db.$client.transaction(() => {
        for (let i = 0; i < mb; i++) db.$client.prepare("insert into blob (data) values (zeroblob(1048576))").run();
      })();
    const wal = `${path}-wal`;
    burst(40);
    const copied = statSync(wal).size;
    burst(40);
    const end = statSync(wal).size;
    expect(end).toBeGreaterThan(80 * 1024 * 1024);
    const tail = () => {
      const fd = openSync(wal, "r");
      try {
        const buf = Buffer.alloc(end - copied);
        return buf.subarray(0, readSync(fd, buf, 0, buf.length, copied));
      } finally {
        closeSync(fd);
      }
    };
    const before = tail();
    const replicator = new Database(path);
    const [checkpoint] = replicator.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
    expect(checkpoint!.checkpointed).toBe(checkpoint!.log);
    // The whole log is in the database file: the next write starts the log afresh.
    db.$client.prepare("insert into blob (data) values (x'00')").run();
    expect(statSync(wal).size).toBe(end);
    expect(tail().equals(before)).toBe(true);
    replicator.close();
    closeDb(db);
  });

  it("writes LIMIT so SQLite plans the statement once: a number into the SQL, a placeholder behind a plus sign", () => {
    // A bare `limit ?` makes SQLite prepare the statement again every time a value is bound.
    const path = join(dir, "limits.sqlite");
    const writer = openDb({ path });
    seedBase(writer);
    writer
      .insert(schema.line)
      .values([1, 2, 3].map((i) => ({ number: `+1310555010${i}`, label: `Line ${i}` })))
      .run();
    const reader = openDb({ path, readonly: true });
    for (const db of [writer, reader]) {
      const page = db.select({ id: schema.line.id }).from(schema.line).orderBy(schema.line.id).limit(2).offset(1);
      expect(page.toSQL()).toMatchObject({ sql: expect.stringMatching(/ limit 2 offset \?$/), params: [1] });
      expect(page.all()).toHaveLength(2);
      const first = db.select({ id: schema.line.id }).from(schema.line).orderBy(schema.line.id).limit(sql.placeholder("n"));
      expect(first.toSQL().sql).toMatch(/ limit \+\?$/);
      const prepared = first.prepare();
      expect(prepared.all({ n: 1 })).toHaveLength(1);
      expect(prepared.all({ n: 3 })).toHaveLength(3);
      // A negative limit is still left out, as the query builder does.
      expect(db.select().from(schema.line).limit(-1).toSQL().sql).not.toMatch(/limit/);
    }
    closeDb(reader);
    closeDb(writer);
  });

  it("seeds the listed line once however often it starts", () => {
    const path = join(dir, "twice.sqlite");
    for (let i = 0; i < 2; i++) {
      const db = openDb({ path });
      seedBase(db);
      closeDb(db);
    }
    const db = openDb({ path });
    expect(db.$client.prepare("select number from line").pluck().all()).toEqual(["+18188052469"]);
    closeDb(db);
  });

  it("refuses a call on a line that does not exist (foreign keys are on)", () => {
    const db = openDb({ path: ":memory:" });
    expect(() =>
      db.$client
        .prepare(
          "insert into call (direction, line_id, other_number, other_number_index, started_at, duration_seconds, outcome) values ('inbound', 999, 'x', 'x', 0, 0, 'missed')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    closeDb(db);
  });
});

describe("encryption at rest", () => {
  it("stores phone numbers and clinical text only as ciphertext, readable through the app", async () => {
    const { seedDemo } = await import("./seed.ts");
    const schema = await import("./schema.ts");
    const path = join(dir, "enc.sqlite");
    const db = openDb({ path });
    seedBase(db);
    seedDemo(db, { passwordHash: "x", leadCount: 3 });
    const phones = db
      .select()
      .from(schema.lead)
      .all()
      .map((l) => l.phone);
    expect(phones.every((p) => /^\+1\d{10}$/.test(p))).toBe(true);
    const raw = db.$client.prepare("select phone from lead").pluck().all() as string[];
    expect(raw.every((p) => p.startsWith("enc1:") && !phones.some((phone) => p.includes(phone.slice(-7))))).toBe(true);
    // The demo's screens and notes hold a date of birth and a coordinator's words on every one.
    const births = db
      .select()
      .from(schema.screening)
      .all()
      .map((s) => (s.answers as { caller: { dateOfBirth: string } }).caller.dateOfBirth);
    const notes = db
      .select()
      .from(schema.handoff)
      .all()
      .flatMap((h) => [h.situation, h.background, h.assessment, h.recommendation]);
    expect(births.length).toBeGreaterThan(0);
    expect(notes.length).toBeGreaterThan(0);
    closeDb(db);
    const { readFileSync } = await import("node:fs");
    const file = readFileSync(path);
    expect(file.includes(Buffer.from("+1818555"))).toBe(false);
    // Whole numbers, in each way they are written: ciphertext is random text, so a short run of digits
    // such as "555" turns up in it by chance, a whole number never does.
    for (const phone of phones) {
      for (const written of [phone, phone.slice(2), phone.slice(-7), `${phone.slice(5, 8)}-${phone.slice(-4)}`]) {
        expect(file.includes(Buffer.from(written)), written).toBe(false);
      }
    }
    for (const text of [...births, ...notes]) expect(file.includes(Buffer.from(text))).toBe(false);
  });
});

describe("transactions", () => {
  it("take the write lock as they begin, so another connection's commit cannot strand them half-way", () => {
    const path = join(dir, "locks.sqlite");
    const db = openDb({ path, migrate: false });
    db.$client.exec("create table note (id integer primary key, text text)");
    const other = openDb({ path, migrate: false });
    other.$client.pragma("busy_timeout = 0");
    const attempts: string[] = [];
    db.transaction(() => {
      db.$client.prepare("select count(*) from note").get();
      try {
        other.$client.prepare("insert into note (text) values ('other')").run();
        attempts.push("other connection wrote");
      } catch (error) {
        attempts.push((error as { code?: string }).code ?? "error");
      }
      db.$client.prepare("insert into note (text) values ('mine')").run();
    });
    expect(attempts).toEqual(["SQLITE_BUSY"]);
    expect(db.$client.prepare("select text from note").pluck().all()).toEqual(["mine"]);
    closeDb(other);
    closeDb(db);
  });
});

describe("values stored in clear before their column was encrypted", () => {
  it("are encrypted once when the database opens, and a lead's email gets its blind index", () => {
    const path = join(dir, "older.sqlite");
    const first = openDb({ path });
    seedBase(first);
    const lead = first
      .insert(schema.lead)
      .values({ name: "Older Demo", phone: "+18185550150", ...phoneIndexes(first, "+18185550150"), status: "new", updatedAt: new Date() })
      .returning()
      .get();
    // As a database written before lead.email and appointment.cancel_reason were encrypted held them.
    const raw = first.$client;
    raw.pragma("foreign_keys = OFF");
    raw.prepare("update lead set email = ' Older@Demo.test', email_index = null where id = ?").run(lead.id);
    raw
      .prepare(
        "insert into appointment (lead_id, kind, clinician_id, starts_at, ends_at, status, cancel_reason, updated_at) values (?, 'consult', 99, 1, 2, 'cancelled', 'Went to another clinic', 3)",
      )
      .run(lead.id);
    raw.pragma("user_version = 0");
    closeDb(first);

    for (let open = 0; open < 2; open++) {
      const db = openDb({ path });
      const stored = db.$client
        .prepare("select l.email, l.email_index as emailIndex, a.cancel_reason as reason from lead l join appointment a on a.lead_id = l.id")
        .get() as Record<string, string>;
      expect(stored.email).toMatch(/^enc1:k1:/);
      expect(stored.reason).toMatch(/^enc1:k1:/);
      expect(stored.emailIndex).toBe(emailIndex(db, "older@demo.test"));
      expect(
        db
          .select()
          .from(schema.lead)
          .where(eq(schema.lead.emailIndex, emailIndex(db, "OLDER@demo.test")))
          .get()?.email,
      ).toBe(" Older@Demo.test");
      expect(db.select().from(schema.appointment).get()?.cancelReason).toBe("Went to another clinic");
      closeDb(db);
    }
  });
});

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { appendAudit } from "@intake/api";
import { numberIndex, openDb, phoneIndexes, schema, seedBase } from "@intake/db";
import { zeroIndexRoot } from "../testing/damage.ts";
import { RESTORE_ATTEMPTS, auditVerify, backup, restore, restoreFromReplica, rotateDataKey } from "./maintenance.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-maint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = () => ({
  log: vi.spyOn(console, "log").mockImplementation(() => undefined),
  error: vi.spyOn(console, "error").mockImplementation(() => undefined),
});

function freshDb(name: string) {
  const path = join(dir, name);
  const db = openDb({ path });
  seedBase(db);
  return { path, db };
}

function addLead(db: ReturnType<typeof openDb>, phone: string) {
  return db
    .insert(schema.lead)
    .values({ name: "Backup Person", phone, ...phoneIndexes(db, phone), status: "new", updatedAt: new Date() })
    .returning({ id: schema.lead.id })
    .get().id;
}

describe("pnpm intake audit verify", () => {
  it("passes an untouched trail and names the first changed entry", () => {
    const { path, db } = freshDb("audit.sqlite");
    for (let i = 0; i < 5; i++) {
      appendAudit(db, db.keys.audit, {
        at: i,
        actorId: 1,
        actorRole: "coordinator",
        action: "lead.byId",
        recordType: "lead",
        recordId: String(i),
        ip: null,
        outcome: "ok",
      });
    }
    db.$client.close();
    const out = quiet();
    expect(auditVerify(path)).toBe(0);
    expect(out.log.mock.calls.flat().join()).toContain("5 entries verified");
    const raw = new Database(path);
    raw.prepare("update audit_entry set actor_id = 2 where seq = 3").run();
    raw.close();
    expect(auditVerify(path)).toBe(1);
    expect(out.error.mock.calls.flat().join()).toContain("entry 3 was changed");
    vi.restoreAllMocks();
  });
});

describe("pnpm intake backup / restore", () => {
  it("a backup taken under write load holds every call committed before it began, and passes integrity_check", async () => {
    const { path, db } = freshDb("live.sqlite");
    const leadId = addLead(db, "+13105550100");
    const lineId = db.select().from(schema.line).get()!.id;
    const insert = () =>
      db
        .insert(schema.call)
        .values({
          direction: "inbound",
          lineId,
          otherNumber: "+13105550100",
          otherNumberIndex: numberIndex(db, "+13105550100"),
          startedAt: new Date(),
          durationSeconds: 30,
          outcome: "connected",
          leadId,
        })
        .returning({ id: schema.call.id })
        .get().id;
    for (let i = 0; i < 2000; i++) insert();
    const committedBefore = insert();
    // Keep writing while the backup copies pages.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        for (let i = 0; i < 50; i++) insert();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const target = join(dir, "live-backup.sqlite");
    quiet();
    const code = await backup(path, target);
    writing = false;
    await writer;
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = new Set(copy.prepare("select id from call").pluck().all() as number[]);
    copy.close();
    for (let id = 1; id <= committedBefore; id++) expect(ids.has(id)).toBe(true);
    db.$client.close();

    // Restore it over the live file; the current one is kept aside.
    quiet();
    expect(await restore(path, target)).toBe(0);
    vi.restoreAllMocks();
    const restored = openDb({ path });
    expect(restored.select().from(schema.lead).get()?.phone).toBe("+13105550100");
    restored.$client.close();
  });

  it("refuses a corrupt backup and one this key file cannot read, replacing nothing", async () => {
    const { path, db } = freshDb("keep.sqlite");
    addLead(db, "+13105550101");
    db.$client.close();
    const before = readFileSync(path);
    const junk = join(dir, "junk.sqlite");
    writeFileSync(junk, "this is not a database");
    const other = freshDb("other.sqlite");
    addLead(other.db, "+13105550102");
    other.db.$client.close();
    quiet();
    await expect(restore(path, junk)).rejects.toThrow();
    expect(await restore(path, other.path)).toBe(1);
    vi.restoreAllMocks();
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

describe("pnpm intake restore --from-replica", () => {
  // Litestream stands in as a function that writes the next copy it is given: a sound one, or one
  // whose phone index page is zeroed, which SQLite's integrity check reports.
  const { path: sound, db } = freshDb("replica-sound.sqlite");
  addLead(db, "+13105550103");
  db.$client.close();
  const damaged = join(dir, "replica-damaged.sqlite");
  copyFileSync(sound, damaged);
  zeroIndexRoot(damaged, "lead_phone_idx");
  const litestream = (copies: string[]) => {
    const given: string[] = [];
    const restoreCopy = (_url: string, target: string) => {
      const next = copies[given.length]!;
      given.push(next);
      copyFileSync(next, target);
      return { ok: true as const };
    };
    return { restoreCopy, given };
  };
  const targetFor = (name: string) => {
    const target = join(dir, name);
    copyFileSync(`${sound}.keys`, `${target}.keys`);
    return target;
  };

  it("restores again when a copy fails its integrity check, and serves the sound one", () => {
    const target = targetFor("restored-second-time.sqlite");
    const { restoreCopy, given } = litestream([damaged, sound]);
    const out = quiet();
    expect(restoreFromReplica("file:///replica", target, undefined, restoreCopy)).toBe(0);
    vi.restoreAllMocks();
    expect(given).toEqual([damaged, sound]);
    expect(out.error.mock.calls.join("\n")).toMatch(/integrity check [\s\S]*restoring it again from the replica \(attempt 2 of 3\)/);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
  });

  it("refuses a replica that gives only damaged copies, after trying it three times", () => {
    const target = targetFor("never-restored.sqlite");
    const { restoreCopy, given } = litestream([damaged, damaged, damaged, sound]);
    const out = quiet();
    expect(restoreFromReplica("file:///replica", target, undefined, restoreCopy)).toBe(1);
    vi.restoreAllMocks();
    expect(given).toHaveLength(RESTORE_ATTEMPTS);
    expect(out.error.mock.calls.at(-2)?.join(" ")).toMatch(/integrity check [\s\S]*: do not serve it\./);
    expect(out.error.mock.calls.at(-1)?.join(" ")).toMatch(/^An earlier point may restore sound: add --timestamp /);
  });
});

describe("pnpm intake keys rotate", () => {
  it("re-encrypts every field under the new key and the data still reads", () => {
    const { path, db } = freshDb("rotate.sqlite");
    addLead(db, "+13105550103");
    db.$client.close();
    quiet();
    expect(rotateDataKey(path)).toBe(0);
    vi.restoreAllMocks();
    const raw = new Database(path);
    expect(raw.prepare("select phone from lead").pluck().get()).toMatch(/^enc1:k2:/);
    raw.close();
    const keys = JSON.parse(readFileSync(`${path}.keys`, "utf8")) as { data: { id: string }[]; active: string };
    expect(keys.data.map((d) => d.id)).toEqual(["k2"]);
    const reopened = openDb({ path });
    expect(reopened.select().from(schema.lead).get()?.phone).toBe("+13105550103");
    reopened.$client.close();
  });
});

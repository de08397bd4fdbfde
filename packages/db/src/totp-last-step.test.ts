// Migration 0004 adds user.totp_last_step to databases that already hold users, not only to new ones.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "./client.ts";
import { journalEntries, openMigratedUpTo } from "./migratedUpTo.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-db-totp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("user.totp_last_step", () => {
  it("is added empty to an existing database's users the next time it opens", () => {
    // The migrations as they were before this column: a database in use up to then.
    const path = join(dir, "in-use.sqlite");
    const { db: old, kept } = openMigratedUpTo(dir, path, "0003_lead_status_count");
    old.$client
      .prepare("insert into user (email, name, role, password_hash, totp_secret, created_at) values ('admin@iris.test', 'A', 'admin', 'x', null, 0)")
      .run();
    const columns = () => old.$client.prepare("select name from pragma_table_info('user')").pluck().all();
    expect(columns()).not.toContain("totp_last_step");
    closeDb(old);

    // The migrator applies only what was generated after the newest step it has recorded.
    const latest = journalEntries();
    const added = latest.find((e) => e.tag === "0004_user_totp_last_step");
    expect(added?.when).toBeGreaterThan(kept.at(-1)!.when);

    const db = openDb({ path });
    expect(db.$client.prepare("select totp_last_step from user where email = 'admin@iris.test'").pluck().get()).toBeNull();
    closeDb(db);
  });
});

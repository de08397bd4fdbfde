// `pnpm intake keys rotate` as a process, beside a real server process on the same database.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { totpCode, totpStep } from "@intake/api";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, ENCRYPTED_COLUMNS, FieldCipher, addDataKey, loadKeys, openDb, seedBase, seedDemo } from "@intake/db";
import { runCli, startServer, trpc } from "./testing/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-rotate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keyIds = (dbPath: string) => (JSON.parse(readFileSync(`${dbPath}.keys`, "utf8")) as { data: { id: string }[] }).data.map((d) => d.id);

/** Every value of every encrypted column, decrypted, by table, row and column. */
function plainValues(dbPath: string): Map<string, string> {
  const cipher = new FieldCipher(loadKeys(`${dbPath}.keys`));
  const sqlite = new Database(dbPath, { readonly: true });
  const values = new Map<string, string>();
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const rows = sqlite.prepare(`select rowid as k, "${column}" as v from "${table}" where "${column}" is not null`).all() as { k: number; v: string }[];
    for (const row of rows) values.set(`${table}.${column}#${row.k}`, cipher.decrypt(row.v));
  }
  sqlite.close();
  return values;
}

/** Columns of any table (read from SQLite, not from our list) holding a value encrypted under a key other than `keyId`, and all columns holding ciphertext. */
function scanCiphertext(dbPath: string, keyId: string) {
  const sqlite = new Database(dbPath, { readonly: true });
  const stale: string[] = [];
  const encrypted: string[] = [];
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    for (const { name } of sqlite.pragma(`table_info("${table}")`) as { name: string }[]) {
      const count = (where: string) => sqlite.prepare(`select count(*) from "${table}" where typeof("${name}") = 'text' and ${where}`).pluck().get() as number;
      if (count(`"${name}" like 'enc1:%'`) > 0) encrypted.push(`${table}.${name}`);
      if (count(`"${name}" like 'enc1:%' and "${name}" not like 'enc1:${keyId}:%'`) > 0) stale.push(`${table}.${name}`);
    }
  }
  sqlite.close();
  return { stale, encrypted: encrypted.sort() };
}

/** A demo database with every encrypted column holding a value (rows added where the demo leaves a table empty). */
function filledDb(path: string): void {
  const db = openDb({ path });
  seedBase(db);
  seedDemo(db, { passwordHash: "not-used", leadCount: 60 });
  const sqlite = db.$client;
  sqlite.pragma("foreign_keys = OFF");
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const filled = sqlite.prepare(`select count(*) from "${table}" where "${column}" is not null`).pluck().get() as number;
    if (filled > 0) continue;
    if (sqlite.prepare(`select count(*) from "${table}"`).pluck().get() === 0) {
      // Placeholder values for the required columns; only the encrypted one matters here.
      const required = (sqlite.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[]).filter(
        (c) => c.notnull && c.dflt_value === null && !c.pk,
      );
      sqlite
        .prepare(
          `insert into "${table}" (${required.map((c) => `"${c.name}"`).join(", ") || "rowid"}) values (${required.map(() => "?").join(", ") || "null"})`,
        )
        .run(...required.map((c) => (c.type.toLowerCase() === "integer" ? 1 : "x")));
    }
    sqlite.prepare(`update "${table}" set "${column}" = ?`).run(db.cipher.encrypt(JSON.stringify(`filled ${table}.${column}`)));
  }
  db.$client.close();
}

describe("pnpm intake keys rotate", { timeout: 60_000 }, () => {
  it("re-encrypts every encrypted column the schema has, leaving no value under an old key", async () => {
    const path = join(dir, "every-column.sqlite");
    filledDb(path);
    const before = plainValues(path);
    // Every encrypted column holds ciphertext before: the scan below has something to find in each.
    expect(scanCiphertext(path, "k1").encrypted).toEqual(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
    expect(scanCiphertext(path, "k1").encrypted).toEqual(expect.arrayContaining(["user.totp_secret", "lead.email", "appointment.cancel_reason"]));

    const rotated = await runCli(["keys", "rotate"], { env: { INTAKE_DB: path } });
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^Data key rotated to k2: \d+ fields re-encrypted; data keys k1 retired/);
    expect(keyIds(path)).toEqual(["k2"]);
    expect(scanCiphertext(path, "k2").stale).toEqual([]);
    expect(plainValues(path)).toEqual(before);
  });

  it("finishes the work of a rotation that died after adding its key: no key is retired while a row uses it", async () => {
    const path = join(dir, "crashed.sqlite");
    filledDb(path);
    const before = plainValues(path);
    // As if the process was killed after writing the new key and before re-encrypting anything.
    addDataKey(`${path}.keys`);
    expect(keyIds(path)).toEqual(["k1", "k2"]);
    expect((await runCli(["keys", "rotate"], { env: { INTAKE_DB: path } })).code).toBe(0);
    expect(keyIds(path)).toEqual(["k3"]);
    expect(scanCiphertext(path, "k3").stale).toEqual([]);
    expect(plainValues(path)).toEqual(before);
  });

  it("refuses in one line while a server runs on the database; after it stops, rotates, and the restarted server reads everything", async () => {
    const path = join(dir, "live.sqlite");
    const env = { INTAKE_DB: path };
    let server = await startServer({ env });
    const coordinator = (await trpc(server.base, "auth.signIn", { email: "coordinator@iris.test", password: DEMO_PASSWORD })).cookie;
    const logged = await trpc(
      server.base,
      "call.log",
      {
        direction: "inbound",
        otherNumber: "(818) 555-0190",
        startedAt: new Date().toISOString(),
        durationSeconds: 60,
        outcome: "connected",
        callerName: "Rota Tion",
      },
      coordinator,
    );
    expect(logged.status).toBe(200);
    const keysBefore = readFileSync(`${path}.keys`);

    const refused = await runCli(["keys", "rotate"], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain(`Cannot rotate keys while Iris Intake (server, pid ${server.pid}) holds the database (${path}.lock): stop it first`);
    expect(readFileSync(`${path}.keys`).equals(keysBefore)).toBe(true);
    // The server goes on reading and writing under its keys.
    const listed = await trpc(server.base, "lead.list", { search: "8185550190" }, coordinator);
    expect(JSON.stringify(listed.body)).toContain("+18185550190");

    expect((await server.stop()).code).toBe(0);
    const rotated = await runCli(["keys", "rotate"], { env });
    expect(rotated.code).toBe(0);
    expect(keyIds(path)).toEqual(["k2"]);

    server = await startServer({ env });
    try {
      // The admin's authenticator secret was rotated too: the second factor still works.
      const admin = await trpc(server.base, "auth.signIn", {
        email: "admin@iris.test",
        password: DEMO_PASSWORD,
        code: totpCode(DEMO_ADMIN_TOTP_SECRET, totpStep(new Date())),
      });
      expect(admin.status).toBe(200);
      const again = (await trpc(server.base, "auth.signIn", { email: "coordinator@iris.test", password: DEMO_PASSWORD })).cookie;
      const found = await trpc(server.base, "lead.list", { search: "8185550190" }, again);
      expect(found.status).toBe(200);
      expect(JSON.stringify(found.body)).toContain("+18185550190");
    } finally {
      await server.stop();
    }
  });
});

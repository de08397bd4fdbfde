// Every encrypted column, found in the schema itself: the one list rotation and the clear-value step walk.
import { randomBytes } from "node:crypto";
import { is } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { SQLiteCustomColumn, SQLiteTable, getTableConfig, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type Database from "better-sqlite3";
import * as schema from "./schema.ts";
import { FieldCipher, emailIndex, withFieldCipher } from "./crypto.ts";

export interface EncryptedColumn {
  /** SQL names, as stored. */
  table: string;
  column: string;
}

const probe = new FieldCipher({ audit: randomBytes(32), index: randomBytes(32), data: [{ id: "probe", key: randomBytes(32) }], active: "probe" });

/** A column is encrypted when its type turns a value into ciphertext on the way in: asked of the column, not kept by hand. */
function encrypts(column: SQLiteColumn): boolean {
  try {
    const stored = withFieldCipher(probe, () => column.mapToDriverValue("probe"));
    return typeof stored === "string" && probe.keyIdOf(stored) === "probe";
  } catch {
    return false;
  }
}

/** Every custom-typed column of the schema, by SQL table and column name. */
export function customColumns(): (EncryptedColumn & { type: SQLiteColumn })[] {
  const found: (EncryptedColumn & { type: SQLiteColumn })[] = [];
  for (const table of Object.values(schema)) {
    if (!is(table, SQLiteTable)) continue;
    const config = getTableConfig(table);
    for (const column of config.columns) {
      if (!is(column, SQLiteCustomColumn)) continue;
      found.push({ table: config.name, column: column.keyAsName ? toSnakeCase(column.name) : column.name, type: column });
    }
  }
  return found;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = customColumns()
  .filter((c) => encrypts(c.type))
  .map(({ table, column }) => ({ table, column }));

const ENCRYPTED_PREFIX = "enc1:";
// Bumped when a release makes a clear column encrypted; the step below then runs once on open.
const CLEAR_VALUES_STEP = 1;

/**
 * Encrypts values stored in clear in a column that is now encrypted (written before it was), and
 * fills lead.email_index for them; once per database (recorded in SQLite's user_version).
 */
export function encryptClearValues(sqlite: Database.Database, cipher: FieldCipher, db: object): number {
  if ((sqlite.pragma("user_version", { simple: true }) as number) >= CLEAR_VALUES_STEP) return 0;
  let changed = 0;
  sqlite
    .transaction(() => {
      const emails = sqlite.prepare("select rowid as k, email from lead where email is not null and email_index is null").all() as {
        k: number;
        email: string;
      }[];
      const setIndex = sqlite.prepare("update lead set email_index = ? where rowid = ?");
      for (const row of emails) {
        const email = cipher.keyIdOf(row.email) ? cipher.decrypt(row.email) : row.email;
        setIndex.run(emailIndex(db, email), row.k);
      }
      for (const { table, column } of ENCRYPTED_COLUMNS) {
        const rows = sqlite
          .prepare(`select rowid as k, "${column}" as v from "${table}" where "${column}" is not null and "${column}" not like '${ENCRYPTED_PREFIX}%'`)
          .all() as { k: number; v: string }[];
        const update = sqlite.prepare(`update "${table}" set "${column}" = ? where rowid = ?`);
        for (const row of rows) update.run(cipher.encrypt(row.v), row.k);
        changed += rows.length;
      }
      sqlite.pragma(`user_version = ${CLEAR_VALUES_STEP}`);
    })
    .immediate();
  return changed;
}

/** Rows whose value in an encrypted column is under a data key other than `keyId`, by column. */
export function rowsNotUnder(sqlite: Database.Database, keyId: string): { table: string; column: string; rows: number }[] {
  return ENCRYPTED_COLUMNS.map(({ table, column }) => ({
    table,
    column,
    rows: sqlite
      .prepare(`select count(*) from "${table}" where "${column}" is not null and "${column}" not like ?`)
      .pluck()
      .get(`${ENCRYPTED_PREFIX}${keyId}:%`) as number,
  })).filter((c) => c.rows > 0);
}

/** Re-encrypts every encrypted value not under the active key, in one transaction; returns how many. */
export function reencryptAll(sqlite: Database.Database, cipher: FieldCipher): number {
  let fields = 0;
  sqlite
    .transaction(() => {
      for (const { table, column } of ENCRYPTED_COLUMNS) {
        const rows = sqlite
          .prepare(`select rowid as k, "${column}" as v from "${table}" where "${column}" is not null and "${column}" not like ?`)
          .all(`${ENCRYPTED_PREFIX}${cipher.activeKeyId}:%`) as { k: number; v: string }[];
        const update = sqlite.prepare(`update "${table}" set "${column}" = ? where rowid = ?`);
        for (const row of rows) update.run(cipher.encrypt(cipher.decrypt(row.v)), row.k);
        fields += rows.length;
      }
    })
    .immediate();
  return fields;
}

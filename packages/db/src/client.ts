// Opens the SQLite file with the settings the app relies on and brings its schema up to date.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";
import { FieldCipher, setFieldCipher } from "./crypto.ts";
import { loadOrCreateKeys, type IntakeKeys } from "./keys.ts";
import { randomBytes } from "node:crypto";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Found through the package, not this file's place, so a compiled bundle elsewhere finds them too.
export const MIGRATIONS_FOLDER = resolve(dirname(createRequire(import.meta.url).resolve("@intake/db/package.json")), "migrations");

export interface OpenDbOptions {
  /** Path of the SQLite file; `:memory:` is accepted for throwaway use. */
  path: string;
  /** Apply committed migrations (default true). */
  migrate?: boolean;
  /** The key file; default `<path>.keys` beside the database, created on first open. */
  keysPath?: string;
}

export const defaultKeysPath = (dbPath: string) => `${resolve(dbPath)}.keys`;

function ephemeralKeys(): IntakeKeys {
  return { audit: randomBytes(32), index: randomBytes(32), data: [{ id: "k1", key: randomBytes(32) }], active: "k1" };
}

export interface OpenedDb {
  keys: IntakeKeys;
}

export function openDb({ path, migrate: runMigrations = true, keysPath }: OpenDbOptions): Db & OpenedDb {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  // Keys live outside the database: a copied database file or backup shows no clinical text.
  const keys = path === ":memory:" && !keysPath ? ephemeralKeys() : loadOrCreateKeys(keysPath ?? defaultKeysPath(path));
  setFieldCipher(new FieldCipher(keys));
  const sqlite = new Database(path);
  // WAL lets the dashboard read while a call is written; NORMAL sync is durable against a process
  // crash in WAL mode (a power loss may lose the last transactions, never corrupt the file).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -65536");
  // When the log starts afresh, whichever connection writes first cuts a file grown under a burst back to this.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  sqlite.pragma("mmap_size = 1073741824");
  const db = Object.assign(drizzle({ client: sqlite, schema, casing: "snake_case" }) as Db, { keys });
  // Every transaction takes the write lock as it begins. Several connections write (the request
  // thread, the server's writer and reports threads, the command line), and a deferred transaction
  // that has read cannot start writing once another connection has committed: SQLite refuses at
  // once (SQLITE_BUSY) instead of waiting. Taken up front, the lock is waited for like any other.
  const begin = db.transaction.bind(db);
  db.transaction = ((transaction, config) => begin(transaction, { behavior: "immediate", ...config })) as Db["transaction"];
  if (runMigrations) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

export function closeDb(db: Db): void {
  db.$client.close();
}

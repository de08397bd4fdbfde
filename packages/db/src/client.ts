// Opens the SQLite file with the settings the app relies on and brings its schema up to date.
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";
import { FieldCipher, bindFieldCipher, withFieldCipher } from "./crypto.ts";
import { encryptClearValues } from "./encrypted.ts";
import { createKeys, loadKeys, type IntakeKeys } from "./keys.ts";
import { StartupError, explainFileError } from "./startup.ts";
import { randomBytes } from "node:crypto";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Found through the package, not this file's place, so a compiled bundle elsewhere finds them too.
export const MIGRATIONS_FOLDER = resolve(dirname(createRequire(import.meta.url).resolve("@intake/db/package.json")), "migrations");

export interface OpenDbOptions {
  /** Path of the SQLite file; `:memory:` is accepted for throwaway use. */
  path: string;
  /** Apply committed migrations (default true). */
  migrate?: boolean;
  /** The key file; default `<path>.keys` beside the database, created with a new database. */
  keysPath?: string;
  /**
   * A connection that only reads (the server's request thread, its reports thread): SQLite refuses
   * any write on it. The file must exist, in WAL mode, already migrated; in WAL a reader sees the
   * last commit and never waits for the writer.
   */
  readonly?: boolean;
}

export const defaultKeysPath = (dbPath: string) => `${resolve(dbPath)}.keys`;

function ephemeralKeys(): IntakeKeys {
  return { audit: randomBytes(32), index: randomBytes(32), data: [{ id: "k1", key: randomBytes(32) }], active: "k1" };
}

export interface OpenedDb {
  keys: IntakeKeys;
  /** The cipher of this database's key file: this handle's statements, and only they, use it. */
  cipher: FieldCipher;
}

/** True when the file has a row in any table: then its key file exists somewhere, and new keys would orphan the data. */
function holdsData(path: string): boolean {
  if (!existsSync(path) || statSync(path).size === 0) return false;
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'")
      .pluck()
      .all() as string[];
    return tables.some((t) => sqlite.prepare(`select 1 from "${t.replaceAll('"', '""')}" limit 1`).get() !== undefined);
  } finally {
    sqlite.close();
  }
}

/** The key file's keys; a new database gets new ones, a database that holds data without its key file is refused. */
function keysFor(path: string, keysPath: string): IntakeKeys {
  if (!existsSync(keysPath)) {
    if (holdsData(path)) {
      throw new StartupError(
        `The database ${path} holds data but its key file ${keysPath} is missing: restore that file from your backup of the key file (new keys could not read what is stored). Nothing was changed.`,
      );
    }
    try {
      createKeys(keysPath);
    } catch (error) {
      throw explainFileError(error, keysPath, "the key file");
    }
  }
  try {
    return loadKeys(keysPath);
  } catch (error) {
    throw explainFileError(error, keysPath, "the key file", "read");
  }
}

/** The directory exists (created owner-only) and we may write it and the file: SQLite would open a file it cannot write read-only and fail later, on the first write. */
function checkWritable(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  accessSync(dirname(path), constants.W_OK);
  if (existsSync(path)) accessSync(path, constants.W_OK);
}

/**
 * The database is owner-only: created so before SQLite opens it (SQLite gives its -wal and -shm
 * the database's mode), and an existing file others can read is tightened.
 */
function ownerOnly(path: string): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, "a", 0o600));
    return;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && statSync(file).mode & 0o077) chmodSync(file, statSync(file).mode & 0o700);
  }
}

/**
 * Gives the handle its own cipher. The encrypted column types reach it through a pointer that is
 * set while one of this handle's statements is built (the dialect encodes parameters) or run (the
 * prepared query binds placeholders and decodes rows), and restored afterwards.
 */
function bindCipher(db: Db, cipher: FieldCipher): void {
  type Fn = (...args: unknown[]) => unknown;
  // drizzle keeps these internal; every statement of the handle and of its transactions passes through them.
  const internals = db as unknown as { dialect: { sqlToQuery: Fn }; session: { prepareQuery: Fn } };
  const scoped =
    (self: object, fn: Fn): Fn =>
    (...args) =>
      withFieldCipher(cipher, () => fn.apply(self, args));
  const { dialect, session } = internals;
  dialect.sqlToQuery = scoped(dialect, dialect.sqlToQuery);
  const prepare = session.prepareQuery;
  session.prepareQuery = (...args) => {
    const query = prepare.apply(session, args) as Record<string, Fn>;
    for (const method of ["run", "all", "get", "values"]) query[method] = scoped(query, query[method]!);
    return query;
  };
  bindFieldCipher(dialect, cipher);
}

/**
 * LIMIT written so that SQLite plans a statement once. The query builder binds every limit as a
 * parameter (`limit ?`), and SQLite re-prepares a statement whose LIMIT is a bare parameter each
 * time one is bound, to plan with its value: a prepared lookup with `.limit(1)` was parsed and
 * planned again on every run (under call.log load, finding a caller's lead by number took the
 * writer ~70 µs instead of ~34). A whole-number limit is written into the SQL, where SQLite plans
 * with it as before; a placeholder's becomes `+?`, an expression SQLite does not re-plan for.
 */
function limitsPlannedOnce(db: Db): void {
  // drizzle keeps its dialect internal; every select, update and delete builds its LIMIT here.
  const dialect = (db as unknown as { dialect: { buildLimit: (limit: unknown) => SQL | undefined } }).dialect;
  const build = dialect.buildLimit.bind(dialect);
  dialect.buildLimit = (limit) => {
    if (typeof limit === "number" && Number.isSafeInteger(limit) && limit >= 0) return sql.raw(` limit ${limit}`);
    if (typeof limit === "object" && limit !== null) return sql` limit +${limit}`;
    return build(limit);
  };
}

export function openDb({ path, migrate: runMigrations = true, keysPath, readonly = false }: OpenDbOptions): Db & OpenedDb {
  const memory = path === ":memory:";
  const file = memory ? path : resolve(path);
  let sqlite: Database.Database | null = null;
  try {
    if (!memory && !readonly) checkWritable(file);
    // Keys live outside the database: a copied database file or backup shows no clinical text.
    const keys = memory && !keysPath ? ephemeralKeys() : keysFor(file, keysPath ?? defaultKeysPath(path));
    if (!memory && !readonly) ownerOnly(file);
    const cipher = new FieldCipher(keys);
    sqlite = new Database(path, { readonly, fileMustExist: readonly });
    if (readonly) {
      sqlite.pragma("busy_timeout = 5000");
      sqlite.pragma("cache_size = -65536");
      // No memory map: a reader whose snapshot moved (any commit since its last read) unmaps all of
      // it before its next statement, and unmapping stops the other core to flush its TLB. Under
      // the writer's commits that made the session lookup take ~90 µs instead of ~30; lead.list and
      // lead.byId answered 12-20 % more requests without it (docs/performance.md).
      sqlite.pragma("mmap_size = 0");
      const reader = Object.assign(drizzle({ client: sqlite, schema, casing: "snake_case" }) as Db, { keys, cipher });
      bindCipher(reader, cipher);
      limitsPlannedOnce(reader);
      return reader;
    }
    // WAL lets the dashboard read while a call is written; NORMAL sync is durable against a process
    // crash in WAL mode (a power loss may lose the last transactions, never corrupt the file).
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("cache_size = -65536");
    // No journal_size_limit: with it, whichever connection writes first into a log just checkpointed
    // cuts the file back. Litestream copies the last commits of the old log after its checkpoint, so
    // a cut there loses them from the replica, which then restores to a damaged file. A log grown
    // under a burst is cut back by the checkpointer thread (TRUNCATE) where it owns the checkpoints.
    sqlite.pragma("mmap_size = 1073741824");
    const db = Object.assign(drizzle({ client: sqlite, schema, casing: "snake_case" }) as Db, { keys, cipher });
    bindCipher(db, cipher);
    limitsPlannedOnce(db);
    // Every transaction takes the write lock as it begins. Two processes may write (the server's
    // writer thread and the command line), and a deferred transaction
    // that has read cannot start writing once another connection has committed: SQLite refuses at
    // once (SQLITE_BUSY) instead of waiting. Taken up front, the lock is waited for like any other.
    const begin = db.transaction.bind(db);
    db.transaction = ((transaction, config) => begin(transaction, { behavior: "immediate", ...config })) as Db["transaction"];
    if (runMigrations) {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      encryptClearValues(sqlite, cipher, db);
    }
    return db;
  } catch (error) {
    sqlite?.close();
    throw explainFileError(error, file, "the database");
  }
}

export function closeDb(db: Db): void {
  db.$client.close();
}

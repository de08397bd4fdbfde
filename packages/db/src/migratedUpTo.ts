// For migration tests: a database file as it stood when `tag` was the newest migration.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { MIGRATIONS_FOLDER, openDb } from "./client.ts";

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export const journalEntries = (folder = MIGRATIONS_FOLDER) => (JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as Journal).entries;

/**
 * Opens `path` (in `dir`) migrated only up to the migration tagged `tag`, as a database in use
 * then; closing it and opening it again with openDb applies the later ones.
 */
export function openMigratedUpTo(dir: string, path: string, tag: string) {
  const before = join(dir, `migrations-${tag}`);
  cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration tagged ${tag}`);
  const kept = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: kept }));
  const db = openDb({ path, migrate: false });
  migrate(db, { migrationsFolder: before });
  return { db, kept };
}

// A database file SQLite's integrity check reports: the root page of one of its indexes zeroed.
import { closeSync, openSync, writeSync } from "node:fs";
import Database from "better-sqlite3";

/** Zeroes the root page of the index `name` in the (closed, checkpointed) database file `file`. */
export function zeroIndexRoot(file: string, name: string): void {
  const db = new Database(file, { readonly: true });
  const root = db.prepare("select rootpage from sqlite_master where name = ?").pluck().get(name) as number;
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  db.close();
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

// One snapshot for every statement of one answer.
import type Database from "better-sqlite3";

/**
 * Runs `read` in one read transaction: an answer read in several statements (a page and its total;
 * a funnel's counts and medians) sees one state of the database, not a write committed between two
 * of them. In WAL mode a read transaction keeps what it first saw. Inside a transaction already, the
 * read is part of that one.
 */
export function inOneSnapshot<T>(sqlite: Database.Database, read: () => T): T {
  return sqlite.inTransaction ? read() : sqlite.transaction(read).deferred();
}

// One snapshot for every statement of one answer.
import type Database from "better-sqlite3";

/**
 * Runs `read` in one read transaction: an answer read in several statements (a page and its total;
 * a funnel's counts and medians) sees one state of the database, not a write committed between two
 * of them. In WAL mode a read transaction keeps what it first saw. Inside a transaction already, the
 * read is part of that one.
 */
export function inOneSnapshot<T>(sqlite: Database.Database, read: () => T): T {
  if (sqlite.inTransaction) return read();
  // One transaction function per connection: building one per answer cost ~5 µs, running it ~1 µs.
  let snapshot = snapshots.get(sqlite);
  if (!snapshot) snapshots.set(sqlite, (snapshot = sqlite.transaction((run: () => unknown) => run())));
  return snapshot.deferred(read) as T;
}
const snapshots = new WeakMap<Database.Database, Database.Transaction<(run: () => unknown) => unknown>>();

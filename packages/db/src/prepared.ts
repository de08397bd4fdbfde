// Statements built once per connection. The hot paths (the session check on every request, every
// audit entry, every logged call) then skip query building and SQLite's parse; values go in through
// placeholders, still mapped by their columns (encrypted columns encrypt, timestamps convert).
import type Database from "better-sqlite3";
import type { Db } from "./client.ts";

export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    let value = built.get(db.$client);
    if (value === undefined) built.set(db.$client, (value = build(db)));
    return value;
  };
}

/** Raw SQL, prepared once per connection and text (for queries whose text varies with their filters). */
export function preparedSql(sqlite: Database.Database, text: string): Database.Statement<unknown[]> {
  let cache = rawStatements.get(sqlite);
  if (!cache) rawStatements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare<unknown[]>(text)));
  return statement;
}
const rawStatements = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[]>>>();

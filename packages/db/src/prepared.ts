// Statements built once per connection. The hot paths (the session check on every request, every
// audit entry, every logged call) then skip query building and SQLite's parse; values go in through
// placeholders, still mapped by their columns (encrypted columns encrypt, timestamps convert).
import type { Db } from "./client.ts";

export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<object, T>();
  return (db) => {
    let value = built.get(db.$client);
    if (value === undefined) built.set(db.$client, (value = build(db)));
    return value;
  };
}

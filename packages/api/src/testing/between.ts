// For tests of what one answer reads in one snapshot: a write slipped in between two of its statements.
import type { Db } from "@intake/db";

/**
 * Runs `write` once, right after the first run of a statement of `reader` whose SQL contains `marker`
 * has read its rows, from the time `arm()` is called. Install it before the reader prepares that
 * statement (connections prepare their statements once, on first use).
 */
export function writeAfterStatement(reader: Db, marker: string, write: () => void): { arm: () => void; done: () => boolean } {
  const prepare = reader.$client.prepare.bind(reader.$client);
  let armed = false;
  let written = false;
  reader.$client.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (!sql.includes(marker)) return statement;
    const all = statement.all.bind(statement);
    return Object.assign(statement, {
      all: (...args: Parameters<typeof all>) => {
        const rows = all(...args);
        if (armed && !written) {
          write();
          written = true;
        }
        return rows;
      },
    });
  }) as typeof reader.$client.prepare;
  return { arm: () => void (armed = true), done: () => written };
}

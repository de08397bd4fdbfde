// /healthz: the process answers. /readyz: it can do its work: the database takes writes, its schema
// is current, the key file is there, and replication (when configured) keeps up.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { MIGRATIONS_FOLDER, type Db } from "@intake/db";

export interface ReadinessOptions {
  db: Db;
  /** The key file the server reads (absent for a database in memory). */
  keysPath?: string | undefined;
  /** What is wrong with replication, or null when it is healthy; absent when not configured. */
  replication?: () => string | null;
}

type Check = [name: string, problem: string | null];

function latestMigration(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

export function registerHealth(app: FastifyInstance, opts: ReadinessOptions): void {
  const sqlite = opts.db.$client;
  const wanted = latestMigration();
  app.get("/healthz", async () => {
    sqlite.prepare("select 1").get();
    return { ok: true };
  });
  app.get("/readyz", async (_req, reply) => {
    const attempt = (fn: () => string | null): string | null => {
      try {
        return fn();
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    const checks: Check[] = [
      // A write lock taken and given back: the file and its directory accept writes, nothing holds it.
      ["database", attempt(() => (sqlite.prepare("begin immediate").run(), sqlite.prepare("rollback").run(), null))],
      [
        "migrations",
        attempt(() => {
          const applied = (sqlite.prepare("select max(created_at) from __drizzle_migrations").pluck().get() as number | null) ?? 0;
          return applied >= wanted ? null : "the database's schema is older than this server's: restart to migrate";
        }),
      ],
      ["keys", opts.keysPath === undefined || existsSync(opts.keysPath) ? null : `the key file ${opts.keysPath} is missing`],
    ];
    if (opts.replication) checks.push(["replication", attempt(opts.replication)]);
    const failed = checks.filter(([, problem]) => problem !== null);
    return reply
      .code(failed.length ? 503 : 200)
      .send({ ok: failed.length === 0, checks: Object.fromEntries(checks.map(([name, problem]) => [name, problem ?? "ok"])) });
  });
}

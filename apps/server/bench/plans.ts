// `pnpm --filter @intake/server exec tsx bench/plans.ts --db <bench database>`: SQLite's query plan
// for every statement the hot procedures run (call.log, lead.list, the work queue, the funnel), and
// which indexes of lead and call no plan uses. It writes (a logged call, a session): run it on a copy.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { appRouter, DEFAULT_ALERT_SETTINGS, IntakeEvents, inlineReports, inlineWrites, type Context } from "@intake/api";
import { openDb } from "@intake/db";
import { BENCH_PASSWORD, defaultBenchPaths } from "./bench.ts";

const { values } = parseArgs({ options: { db: { type: "string", default: defaultBenchPaths.db } } });

// Every statement run while a procedure runs, with the values it ran with.
const ran = new Map<string, unknown[]>();
let capturing = false;
const statement = Object.getPrototypeOf(new Database(":memory:").prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
for (const method of ["run", "get", "all", "iterate"]) {
  const original = statement[method]!;
  statement[method] = function (this: { source: string }, ...args: unknown[]) {
    if (capturing && !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(this.source)) ran.set(this.source, args);
    return original.apply(this, args);
  };
}

const db = openDb({ path: values.db });
let token: string | null = null;
const ctx: Context = {
  db,
  writes: inlineWrites(db),
  reports: inlineReports(db),
  now: () => new Date(),
  ip: "127.0.0.1",
  events: new IntakeEvents(),
  settings: DEFAULT_ALERT_SETTINGS,
  audit: { actor: null },
  cookie: { token: null, set: (t) => void (token = t), clear: () => void (token = null) },
};
const caller = (t: string | null) => appRouter.createCaller({ ...ctx, audit: { actor: null }, cookie: { ...ctx.cookie, token: t } });
await caller(null).auth.signIn({ email: "bench-coordinator-1@bench.iris.test", password: BENCH_PASSWORD });
const desk = caller(token);
await caller(null).auth.signIn({ email: "bench-manager@bench.iris.test", password: BENCH_PASSWORD });
const manager = caller(token);
const to = new Date();
const from = new Date(to.getTime() - 365 * 86_400_000);

const hot: Array<[string, () => Promise<unknown>]> = [
  [
    "call.log (a known caller)",
    () => desk["call.log"]({ direction: "inbound", otherNumber: "+13105550100", startedAt: new Date(), durationSeconds: 180, outcome: "connected" }),
  ],
  ["lead.list closed, by name, page 400", () => desk.lead.list({ status: "closed", sort: "name", page: 400, perPage: 25 })],
  ["lead.list newest first", () => desk.lead.list({ sort: "-createdAt", page: 1, perPage: 25 })],
  ["lead.list recently updated", () => desk.lead.list({ sort: "-updatedAt", page: 3, perPage: 25 })],
  ["lead.byId", () => desk.lead.byId({ id: 1 })],
  ["workQueue.get", () => desk.workQueue.get()],
  ["call.live (the phone screen's strip)", () => desk["call.live"]()],
  ["call.list newest first", () => desk["call.list"]({ page: 1, perPage: 25 })],
  ["call.list missed calls", () => desk["call.list"]({ outcome: "missed", page: 1, perPage: 25 })],
  ["funnel.get 12 months", () => manager.funnel.get({ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) })],
];

const used = new Set<string>();
for (const [name, run] of hot) {
  ran.clear();
  capturing = true;
  try {
    await run();
  } finally {
    capturing = false;
  }
  console.log(`\n## ${name}`);
  for (const [sql, args] of ran) {
    const plan = db.$client.prepare(`explain query plan ${sql}`).all(...args) as { detail: string }[];
    console.log(`\n    ${sql.replace(/\s+/g, " ").slice(0, 300)}`);
    for (const { detail } of plan) {
      console.log(`      ${detail}`);
      const index = /USING (?:COVERING )?INDEX (\w+)/.exec(detail)?.[1];
      if (index) used.add(index);
    }
  }
}

const indexes = db.$client
  .prepare("select name, tbl_name from sqlite_master where type = 'index' and tbl_name in ('lead', 'call') and sql is not null order by tbl_name, name")
  .all() as { name: string; tbl_name: string }[];
console.log("\n## Indexes of lead and call, and whether a hot plan above uses them");
for (const i of indexes) console.log(`    ${i.tbl_name}.${i.name}: ${used.has(i.name) ? "used" : "not used by these plans"}`);
db.$client.close();

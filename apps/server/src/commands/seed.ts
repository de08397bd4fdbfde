// `pnpm intake seed`: fills a new database with generated history at scale, for load tests and the bench.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword } from "@intake/api";
import { openDb } from "@intake/db";
import { generateHistory, type GenerateResult } from "../../bench/generate.ts";
import { REPO_ROOT } from "../env.ts";

export const SEED_USAGE = `  seed --leads <n> --calls <n> [--db <path>] [--months <n>] [--seed <n>]
      Fills a new database with generated history (default 250000 leads, 1000000 calls over 24 months).`;

/** A one-line progress bar on standard error, redrawn in place on a terminal and printed now and then otherwise. */
export function progressBar(total: number, label: (done: number) => string) {
  const tty = process.stderr.isTTY ?? false;
  const started = performance.now();
  let lastPrint = 0;
  return {
    update(done: number, force = false) {
      const t = performance.now();
      if (!force && t - lastPrint < (tty ? 100 : 2000)) return;
      lastPrint = t;
      const share = total ? Math.min(1, done / total) : 1;
      const width = 30;
      const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
      const line = `[${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${label(done)}  ${((t - started) / 1000).toFixed(1)} s`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

export async function seedCommand(args: string[], defaultDb: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { leads: { type: "string" }, calls: { type: "string" }, db: { type: "string" }, months: { type: "string" }, seed: { type: "string" } },
  });
  const num = (v: string | undefined, fallback: number, name: string) => {
    const n = v === undefined ? fallback : Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`--${name} must be a whole number`);
    return n;
  };
  let leads: number, calls: number, months: number, seed: number;
  try {
    leads = num(values.leads, 250_000, "leads");
    calls = num(values.calls, 1_000_000, "calls");
    months = num(values.months, 24, "months");
    seed = num(values.seed, 2469, "seed");
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const path = values.db ? (isAbsolute(values.db) ? values.db : resolve(REPO_ROOT, values.db)) : defaultDb;
  if (existsSync(path)) {
    console.error(`${path} already exists; the generator fills a new database. Remove it (and its .keys file) or choose another --db.`);
    return 1;
  }
  const result = await seedDatabase({ path, leads, calls, months, seed, progress: true });
  console.log(
    `Generated ${result.leads.toLocaleString("en-US")} leads, ${result.calls.toLocaleString("en-US")} calls, ` +
      `${result.events.toLocaleString("en-US")} status changes and ${result.appointments.toLocaleString("en-US")} consults ` +
      `in ${(result.ms / 1000).toFixed(1)} s into ${path}`,
  );
  return 0;
}

/** Generates into a new database file; used by the command and by the bench. */
export async function seedDatabase(opts: {
  path: string;
  leads: number;
  calls: number;
  months?: number;
  seed?: number;
  progress?: boolean;
}): Promise<GenerateResult> {
  const passwordHash = await hashPassword(randomBytes(24).toString("base64url"));
  const db = openDb({ path: opts.path });
  let calls = 0;
  const bar = opts.progress
    ? progressBar(opts.leads, (n) => `leads ${n.toLocaleString("en-US")}/${opts.leads.toLocaleString("en-US")} · calls ${calls.toLocaleString("en-US")}`)
    : null;
  try {
    return generateHistory(db, {
      leads: opts.leads,
      calls: opts.calls,
      ...(opts.months !== undefined ? { months: opts.months } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      passwordHash,
      onProgress: (p) => {
        calls = p.calls;
        bar?.update(p.leads);
      },
    });
  } finally {
    bar?.update(opts.leads, true);
    bar?.done();
    db.$client.close();
  }
}

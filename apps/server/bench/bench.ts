// `pnpm bench`: seeds (or reuses) a large database, starts the real server on it, drives it with
// autocannon beside a raw node:http + better-sqlite3 baseline and the bare stack's ceiling, and writes
// the figures to a JSON file.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createUser } from "@intake/api";
import { openDb } from "@intake/db";
import { generatedPhone } from "./generate.ts";
import { addDays, clinicDate } from "@intake/domain";
import { seedDatabase } from "../src/commands/seed.ts";
import { stopChild } from "../src/testing/serverProcess.ts";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
export const BENCH_PASSWORD = "bench-password-1";

export interface BenchOptions {
  dbPath: string;
  leads: number;
  calls: number;
  /** Seconds per scenario. */
  duration: number;
  connections: number;
  /** Coordinators signed in for the mixed workload. */
  coordinators: number;
  /** Sequential requests timed one by one for the latency targets. */
  probes: number;
  out: string;
  log?: (line: string) => void;
}

export interface ScenarioResult {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Throughput as a share of the raw baseline's. */
  ratioToRaw: number | null;
  /** Throughput as a share of the stack's ceiling (fastify + tRPC + superjson, empty procedure). */
  ratioToCeiling: number | null;
}

export interface BenchResult {
  at: string;
  machine: { cpus: number; node: string };
  db: { path: string; leads: number; calls: number; seededMs: number | null };
  serverReadyMs: number;
  serverReportedReadyMs: number | null;
  /** Leads whose funnel rows had not caught up with the calls right after calls were logged at full speed. */
  funnelBacklog: number;
  probes: Record<string, { p50: number; p95: number; max: number; n: number }>;
  scenarios: ScenarioResult[];
  goals: Record<string, { target: string; measured: number | null; met: boolean }>;
}

function countFunnelBacklog(path: string): number {
  const db = openDb({ path, readonly: true });
  try {
    return db.$client.prepare("select count(*) from funnel_dirty").pluck().get() as number;
  } finally {
    db.$client.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function start(script: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: SERVER_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  // Drain both streams (the server logs each request in production), keeping only the start.
  const keep = (chunk: Buffer) => void (text.length < 4000 && (text += chunk.toString("utf8")));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => text };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email, password: BENCH_PASSWORD } }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed with HTTP ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Times requests one at a time (no queueing), for the per-request latency targets. */
async function probe(n: number, send: () => Promise<Response>) {
  const times: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const t = performance.now();
    const res = await send();
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`probe got HTTP ${res.status}`);
    if (i >= 3) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), max: round(times.at(-1)!, 2), n };
}

type CannonOptions = Parameters<typeof autocannon>[0];

function cannon(opts: CannonOptions): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on("error", reject);
  });
}

function summarize(name: string, connections: number, r: autocannon.Result, rawRps: number | null): ScenarioResult {
  const rps = r.requests.total / (r.duration || 1);
  return {
    name,
    connections,
    requests: r.requests.total,
    rps: round(rps),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    ratioToRaw: rawRps ? round(rps / rawRps, 3) : null,
    ratioToCeiling: null,
  };
}

/** The name of the scenario every other is measured against (the framework's cost is not ours to remove). */
export const CEILING_SCENARIO = "ceiling: fastify + tRPC, empty procedure";
export const APP_CEILING_SCENARIO = "ceiling: this app, call.log stored nowhere";

const q = (input: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? ((line: string) => console.log(line));
  mkdirSync(dirname(o.dbPath), { recursive: true });

  let seededMs: number | null = null;
  if (!existsSync(o.dbPath)) {
    log(`Seeding ${o.leads.toLocaleString("en-US")} leads and ${o.calls.toLocaleString("en-US")} calls into ${o.dbPath} …`);
    seededMs = (await seedDatabase({ path: o.dbPath, leads: o.leads, calls: o.calls, progress: o.log === undefined })).ms;
    log(`Seeded in ${(seededMs / 1000).toFixed(1)} s`);
  } else log(`Reusing ${o.dbPath}`);

  // Bench users, made the way `pnpm intake user add` makes them (argon2id hashes).
  const emails = {
    manager: "bench-manager@bench.iris.test",
    coordinators: Array.from({ length: o.coordinators }, (_, i) => `bench-coordinator-${i + 1}@bench.iris.test`),
  };
  {
    const db = openDb({ path: o.dbPath });
    const ensure = async (email: string, role: "manager" | "coordinator", name: string) => {
      if (!db.$client.prepare("select id from user where email = ?").get(email)) {
        await createUser(db, { email, name, role, password: BENCH_PASSWORD });
      }
    };
    await ensure(emails.manager, "manager", "Bench Manager");
    for (const [i, email] of emails.coordinators.entries()) await ensure(email, "coordinator", `Bench Coordinator ${i + 1}`);
    const leadCount = db.$client.prepare("select count(*) from lead").pluck().get() as number;
    db.$client.close();
    o.leads = Math.min(o.leads, leadCount);
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const server = start("src/main.ts", { INTAKE_DB: o.dbPath, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" });
  const rawPort = await freePort();
  let raw: ReturnType<typeof start> | null = null;
  const ceilingPort = await freePort();
  let ceiling: ReturnType<typeof start> | null = null;
  try {
    await waitFor(`${base}/healthz`, server.child);
    const serverReadyMs = round(performance.now() - spawnedAt, 0);
    const reported = /ready in (\d+) ms/.exec(server.output());
    log(`Server ready in ${serverReadyMs} ms from spawn (it reports ${reported?.[1] ?? "?"} ms after its modules loaded)`);

    const managerCookie = await signIn(base, emails.manager);
    const coordinatorCookies: string[] = [];
    for (const email of emails.coordinators) coordinatorCookies.push(await signIn(base, email));

    const to = addDays(clinicDate(new Date()), 1);
    const funnelInput = { from: addDays(to, -365), to };
    const listInput = { status: "closed", sort: "name", page: 400, perPage: 25 };
    const headers = (cookie: string) => ({ "content-type": "application/json", "x-intake-csrf": "1", cookie });
    let serial = 0;
    /** A call as the desk logs it: mostly people already known (follow-ups), one in four a new inquiry. */
    const callBody = () => {
      serial++;
      const known = serial % 4 !== 0 && o.leads > 0;
      const number = known
        ? generatedPhone(Math.floor(Math.random() * o.leads))
        : `+1${310 + (serial % 7)}${String(6_000_000 + (serial % 3_999_999)).padStart(7, "0")}`;
      return JSON.stringify({
        json: { direction: "inbound", otherNumber: number, startedAt: new Date().toISOString(), durationSeconds: 180, outcome: "connected" },
      });
    };

    // Latency one request at a time: the targets for funnel.get and lead.list.
    const probes = {
      "funnel.get 12 months": await probe(o.probes, () => fetch(`${base}/trpc/funnel.get${q(funnelInput)}`, { headers: { cookie: managerCookie } })),
      "lead.list closed, by name, page 400": await probe(o.probes, () =>
        fetch(`${base}/trpc/lead.list${q(listInput)}`, { headers: { cookie: coordinatorCookies[0]! } }),
      ),
      // The coordinator's home re-reads it on every live change to a lead or task.
      "workQueue.get (coordinator home)": await probe(o.probes, () => fetch(`${base}/trpc/workQueue.get`, { headers: { cookie: coordinatorCookies[0]! } })),
      "call.log, nothing else running": await probe(o.probes, () =>
        fetch(`${base}/trpc/call.log`, { method: "POST", headers: headers(coordinatorCookies[0]!), body: callBody() }),
      ),
    };
    for (const [name, p] of Object.entries(probes)) log(`${name.padEnd(40)} p50 ${p.p50} ms  p95 ${p.p95} ms`);

    raw = start("bench/raw.ts", { INTAKE_DB: o.dbPath, PORT: String(rawPort) });
    await waitFor(`http://127.0.0.1:${rawPort}/`, raw.child);
    const scenarios: ScenarioResult[] = [];
    let ceilingRps: number | null = null;
    const report = (s: ScenarioResult) => {
      scenarios.push(s);
      if (s.name === CEILING_SCENARIO) ceilingRps = s.rps;
      log(
        `${s.name.padEnd(40)} ${String(s.rps).padStart(8)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms` +
          `${s.ratioToRaw === null ? "" : `  ${(s.ratioToRaw * 100).toFixed(0)} % of raw`}${ceilingRps === null ? "" : `  ${((s.rps / ceilingRps) * 100).toFixed(0)} % of the ceiling`}${s.errors || s.non2xx ? `  errors ${s.errors}, non-2xx ${s.non2xx}` : ""}`,
      );
    };
    const common = { duration: o.duration, connections: o.connections };
    /** Calls logged as fast as `url` takes them, each a new body (callBody), at the bench's connections. */
    const logCalls = (url: string, sendHeaders: Record<string, string>) =>
      cannon({ ...common, url, method: "POST", headers: sendHeaders, requests: [{ setupRequest: (req) => ({ ...req, body: callBody() }) }] });
    const rawResult = await logCalls(`http://127.0.0.1:${rawPort}/call`, { "content-type": "application/json" });
    const rawRps = rawResult.requests.total / (rawResult.duration || 1);
    report(summarize("raw baseline (node:http + insert)", o.connections, rawResult, null));
    await stopChild(raw.child);
    raw = null;

    // The stack's ceiling: the same request through fastify and tRPC to a procedure that does nothing,
    // and through fastify alone.
    for (const [kind, name] of [
      ["trpc", CEILING_SCENARIO],
      ["fastify", "ceiling: fastify alone, empty route"],
    ] as const) {
      ceiling = start("bench/ceiling.ts", { PORT: String(ceilingPort), CEILING: kind });
      await waitFor(`http://127.0.0.1:${ceilingPort}/`, ceiling.child);
      report(summarize(name, o.connections, await logCalls(`http://127.0.0.1:${ceilingPort}/trpc/call.log`, { "content-type": "application/json" }), rawRps));
      await stopChild(ceiling.child);
      ceiling = null;
    }
    // This app's request thread with a writer that stores nothing (appCeiling.ts): how far call.log
    // could go on this machine if its writes cost nothing.
    ceiling = start("bench/appCeiling.ts", { INTAKE_DB: o.dbPath, PORT: String(ceilingPort), NODE_ENV: "production" });
    await waitFor(`http://127.0.0.1:${ceilingPort}/healthz`, ceiling.child);
    report(
      summarize(APP_CEILING_SCENARIO, o.connections, await logCalls(`http://127.0.0.1:${ceilingPort}/trpc/call.log`, headers(coordinatorCookies[0]!)), rawRps),
    );
    await stopChild(ceiling.child);
    ceiling = null;

    report(summarize("call.log", o.connections, await logCalls(`${base}/trpc/call.log`, headers(coordinatorCookies[0]!)), rawRps));
    // The app's own floor: a procedure that only checks the session (no write, no audit entry).
    report(
      summarize(
        "auth.me (session check only)",
        o.connections,
        await cannon({ ...common, url: `${base}/trpc/auth.me`, headers: { cookie: coordinatorCookies[0]! } }),
        rawRps,
      ),
    );
    report(
      summarize(
        "lead.list (closed, by name, page 400)",
        o.connections,
        await cannon({ ...common, url: `${base}/trpc/lead.list${q(listInput)}`, headers: { cookie: coordinatorCookies[0]! } }),
        rawRps,
      ),
    );
    const funnelConnections = Math.max(1, Math.min(8, o.connections));
    report(
      summarize(
        "funnel.get (12 months)",
        funnelConnections,
        await cannon({
          duration: o.duration,
          connections: funnelConnections,
          url: `${base}/trpc/funnel.get${q(funnelInput)}`,
          headers: { cookie: managerCookie },
        }),
        rawRps,
      ),
    );

    // Many coordinators at once (each request as a random one of them), while two managers read the funnel.
    const pages = [1, 2, 3, 10, 50];
    const [deskRun, managers] = await Promise.all([
      cannon({
        ...common,
        url: base,
        requests: [
          {
            setupRequest: (req) => {
              const cookie = coordinatorCookies[Math.floor(Math.random() * coordinatorCookies.length)]!;
              const roll = Math.random();
              if (roll < 0.6) return { ...req, method: "POST", path: "/trpc/call.log", headers: headers(cookie), body: callBody() };
              if (roll < 0.9) {
                const input = { sort: Math.random() < 0.5 ? "-createdAt" : "-updatedAt", page: pages[Math.floor(Math.random() * pages.length)], perPage: 25 };
                return { ...req, method: "GET", path: `/trpc/lead.list${q(input)}`, headers: { cookie }, body: undefined };
              }
              const id = 1 + Math.floor(Math.random() * Math.max(1, o.leads));
              return { ...req, method: "GET", path: `/trpc/lead.byId${q({ id })}`, headers: { cookie }, body: undefined };
            },
          },
        ],
      }),
      cannon({ duration: o.duration, connections: 2, url: `${base}/trpc/funnel.get${q(funnelInput)}`, headers: { cookie: managerCookie } }),
    ]);
    report(summarize(`mixed: ${o.coordinators} coordinators (60% call.log, 30% lead.list, 10% lead.byId)`, o.connections, deskRun, rawRps));
    report(summarize("mixed: 2 managers on funnel.get", 2, managers, rawRps));

    // A manager's funnel while coordinators log calls as fast as the server takes them: the writer
    // keeps the funnel's rows current in its own commits, so the read finds nothing to catch up.
    const [logging, reading] = await Promise.all([
      logCalls(`${base}/trpc/call.log`, headers(coordinatorCookies[0]!)),
      cannon({ duration: o.duration, connections: 2, url: `${base}/trpc/funnel.get${q(funnelInput)}`, headers: { cookie: managerCookie } }),
    ]);
    report(summarize("during calls: call.log at full speed", o.connections, logging, rawRps));
    report(summarize("during calls: funnel.get (12 months)", 2, reading, rawRps));
    // What the funnel still owes the calls just logged (none: the writer brings it up to date in each commit).
    const funnelBacklog = countFunnelBacklog(o.dbPath);
    log(`Leads awaiting their funnel rows right after the calls: ${funnelBacklog}`);

    const ceilingRow = scenarios.find((s) => s.name === CEILING_SCENARIO)!;
    for (const s of scenarios) s.ratioToCeiling = ceilingRow.rps ? round(s.rps / ceilingRow.rps, 3) : null;
    const callLog = scenarios.find((s) => s.name === "call.log")!;
    const desk = scenarios.find((s) => s.name.startsWith("mixed:"))!;
    const funnelDuringCalls = scenarios.find((s) => s.name === "during calls: funnel.get (12 months)")!;
    const result: BenchResult = {
      at: new Date().toISOString(),
      machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
      db: { path: o.dbPath, leads: o.leads, calls: o.calls, seededMs },
      serverReadyMs,
      serverReportedReadyMs: reported ? Number(reported[1]) : null,
      funnelBacklog,
      probes,
      scenarios,
      goals: {
        "call.log throughput vs ceiling": { target: ">= 0.5", measured: callLog.ratioToCeiling, met: (callLog.ratioToCeiling ?? 0) >= 0.5 },
        "call.log p99 vs ceiling's p99": {
          target: "<= 2",
          measured: round(callLog.p99 / Math.max(1, ceilingRow.p99), 2),
          met: callLog.p99 <= 2 * ceilingRow.p99,
        },
        "mixed desk p99 (ms)": { target: "< 100", measured: desk.p99, met: desk.p99 < 100 },
        "funnel.get p99 while calls are logged (ms)": { target: "< 200", measured: funnelDuringCalls.p99, met: funnelDuringCalls.p99 < 200 },
        "funnel.get 12 months p95 (ms)": { target: "< 50", measured: probes["funnel.get 12 months"].p95, met: probes["funnel.get 12 months"].p95 < 50 },
        "lead.list deep page p95 (ms)": {
          target: "< 20",
          measured: probes["lead.list closed, by name, page 400"].p95,
          met: probes["lead.list closed, by name, page 400"].p95 < 20,
        },
        "server ready (ms)": { target: "< 2000", measured: serverReadyMs, met: serverReadyMs < 2000 },
      },
    };
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
    log(`Results: ${o.out}`);
    return result;
  } finally {
    if (raw) await stopChild(raw.child);
    if (ceiling) await stopChild(ceiling.child);
    await stopChild(server.child);
  }
}

export const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
export const defaultBenchPaths = { db: join(BENCH_DIR, ".data", "bench.sqlite"), out: join(BENCH_DIR, "results", "latest.json") };

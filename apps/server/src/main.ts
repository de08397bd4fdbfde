// Starts the server: open (and migrate) the database, seed what it needs, listen.
import { hashPassword, inlineReports, inlineWrites, purgeSessions, threadReports, threadWrites } from "@intake/api";
import {
  activeDemoUsers,
  defaultKeysPath,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
  DEMO_USERS,
  StartupError,
  acquireLock,
  openDb,
  seedBase,
  seedDemo,
  startCheckpointer,
  type Db,
  type OpenedDb,
} from "@intake/db";
import { buildApp } from "./app.ts";
import { createMetrics } from "./metrics.ts";
import { replicate } from "./replication.ts";
import { alertSettings, onCallText, readEnv } from "./env.ts";
import { DEMO_USERS_REFUSAL, demoAllowed, reachable } from "./exposure.ts";

const started = performance.now();
/** How long in-flight requests have to finish on stop before the remaining connections (live streams) are closed. */
const STREAM_GRACE_MS = 1000;
const env = readEnv();
// Everything the server creates (the database, its -wal and -shm, the key file, the lock) is for this user only.
process.umask(0o077);

/**
 * Holds `<INTAKE_DB>.lock` for as long as it runs (so `keys rotate` and `restore` refuse meanwhile)
 * and opens the database; a problem the operator must fix ends the process with one line.
 */
function start(): Db & OpenedDb {
  try {
    if (env.INTAKE_DB !== ":memory:") {
      acquireLock(
        env.INTAKE_DB,
        "server",
        (holder, lock) => `Iris Intake (${holder.what}, pid ${holder.pid}) already holds the database (${lock}): stop it first.`,
      );
    }
    return openDb({ path: env.INTAKE_DB });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const db = start();
const demo = demoAllowed(env);
if (reachable(env) && activeDemoUsers(db).length > 0) {
  console.error(DEMO_USERS_REFUSAL);
  process.exit(1);
}
seedBase(db);
let seeded = false;
if (demo) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  seeded = seedDemo(db, { passwordHash, leadCount: env.DEMO_LEADS });
}
const settings = alertSettings(env);
purgeSessions(db, new Date(), settings.sessionIdleMs);
// A database in memory exists on this connection only: no other thread can open it.
const onFile = env.INTAKE_DB !== ":memory:";
// One writer: every change, with its audit entry, is written on the writer thread's connection, and
// managers' figures are computed on a reports thread that only reads, so SQLite's work overlaps the
// HTTP and tRPC work of other requests. Requests read on a read-only connection of their own: in
// WAL mode a read never waits for a write, and the event loop never waits for the write lock.
// Run as TypeScript (`pnpm dev`, tests), the threads load tsx; compiled (`pnpm start`), plain node.
const compiled = !import.meta.url.endsWith(".ts");
const threads = { path: env.INTAKE_DB, sqliteCheckpoints: false, preload: compiled ? undefined : import.meta.resolve("tsx/esm/api") };
const writes = onFile ? threadWrites(threads) : inlineWrites(db);
const reports = onFile ? threadReports(threads) : inlineReports(db);
const reads = onFile ? openDb({ path: env.INTAKE_DB, migrate: false, readonly: true }) : db;

// With a replica, Litestream owns the checkpoints (it must see every frame of the log before the
// log is reset): no connection of ours checkpoints, and the checkpointer thread does not run.
const replicaUrl = onFile ? env.INTAKE_REPLICA : undefined;
if (replicaUrl) db.$client.pragma("wal_autocheckpoint = 0");
const metrics = createMetrics({ writeQueueDepth: () => writes.pending?.() ?? 0, dbPath: onFile ? env.INTAKE_DB : undefined });
const replication = replicaUrl
  ? replicate(env.INTAKE_DB, replicaUrl, (message, level) => (level === "info" ? console.log(message) : console.error(message)), {
      checkEveryMs: Math.round(env.INTAKE_REPLICA_CHECK_MINUTES * 60_000),
      onCheck: (check) => metrics.replicaCheck(check.result),
    })
  : null;
const app = await buildApp({
  db,
  reads,
  metrics,
  metricsToken: env.METRICS_TOKEN,
  readiness: { keysPath: onFile ? defaultKeysPath(env.INTAKE_DB) : undefined, ...(replication ? { replication: replication.problem } : {}) },
  writes,
  reports,
  webDist: env.WEB_DIST,
  trustProxy: env.TRUST_PROXY,
  settings,
  logger: env.LOG_FILE ? { file: env.LOG_FILE } : env.NODE_ENV !== "test",
  // A line may name another account's secret by reference; only such names are read from the environment.
  telephony: {
    authToken: env.TWILIO_AUTH_TOKEN,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    secret: (ref) => process.env[ref],
    accountSid: env.TWILIO_ACCOUNT_SID,
    apiBase: env.TWILIO_API_BASE,
  },
  fhirBaseUrl: env.FHIR_BASE_URL,
  inquiryOrigins: env.INQUIRY_ORIGINS,
});
// Requests only append to the write-ahead log; copying it into the database file happens on a
// worker thread. What it cannot do goes to the server's log (the messages name no patient data).
const checkpointer =
  onFile && !replication
    ? startCheckpointer(db, {
        path: env.INTAKE_DB,
        onReport: (r) => {
          if (r.kind === "error") app.log.warn({ message: r.message }, "checkpoint failed");
          else if (r.ms !== undefined && r.log) metrics.checkpoint(r.ms);
        },
      })
    : null;
const address = await app.listen({ port: env.PORT, host: env.HOST });
const ms = Math.round(performance.now() - started);

const lines = [
  `Iris Intake is running at ${address.replace("127.0.0.1", "localhost")} (ready in ${ms} ms)`,
  `Database: ${env.INTAKE_DB}`,
  `On-call number: ${onCallText(env)}; urgent handoffs escalate after ${env.URGENT_ACK_MINUTES} min without an acknowledgement`,
];
if (replicaUrl) lines.push(`Replicating to ${replicaUrl.replace(/\/\/[^@/]*@/, "//")} with Litestream`);
if (demo) {
  lines.push(`Demo users (password ${DEMO_PASSWORD})${seeded ? ", just created" : ""}:`);
  for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(12)} ${u.email}`);
  lines.push(`The demo admin signs in with a second factor: authenticator secret ${DEMO_ADMIN_TOTP_SECRET}`);
}
console.log(lines.join("\n"));

// Stopping: no new connections, in-flight requests answered, then the live streams (which never end
// by themselves) are dropped: a dashboard's EventSource reconnects on its own, to the next server.
let stopping = false;
const stop = (why: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Stopping (${why}).`);
  // Whatever hangs, the process is gone well inside a supervisor's 10 s.
  setTimeout(() => process.exit(1), 8000).unref();
  setTimeout(() => app.server.closeAllConnections(), STREAM_GRACE_MS).unref();
  void app
    .close()
    .then(() => Promise.all([writes.close(), reports.close()]))
    .then(() => checkpointer?.stop())
    // Litestream ships the last commits before the database closes.
    .then(() => replication?.stop())
    .then(() => {
      if (reads !== db) reads.$client.close();
      db.$client.close();
      process.exit(0);
    });
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => stop(signal));
// Started by a launcher (`pnpm start`), the server must not outlive it: if it dies, even by SIGKILL,
// this process is handed to another parent, and stops.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) stop("its launcher exited");
}, 500).unref();

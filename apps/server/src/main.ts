// Starts the server: open (and migrate) the database, seed what it needs, listen.
import { hashPassword, inlineReports, inlineWrites, purgeSessions, threadReports, threadWrites } from "@intake/api";
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD, DEMO_USERS, openDb, seedBase, seedDemo, startCheckpointer } from "@intake/db";
import { buildApp } from "./app.ts";
import { alertSettings, onCallText, readEnv } from "./env.ts";

const started = performance.now();
const env = readEnv();
const db = openDb({ path: env.INTAKE_DB });
seedBase(db);
let seeded = false;
if (env.NODE_ENV !== "production") {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  seeded = seedDemo(db, { passwordHash, leadCount: env.DEMO_LEADS });
}
const settings = alertSettings(env);
purgeSessions(db, new Date(), settings.sessionIdleMs);
// A database in memory exists on this connection only: no other thread can open it.
const onFile = env.INTAKE_DB !== ":memory:";
// Logged calls and audit entries are written on their own thread and connection, and managers'
// figures computed on another, so SQLite's work overlaps the HTTP and tRPC work of other requests.
const threads = { path: env.INTAKE_DB, sqliteCheckpoints: false, preload: import.meta.resolve("tsx/esm/api") };
const writes = onFile ? threadWrites(threads) : inlineWrites(db);
const reports = onFile ? threadReports(threads) : inlineReports(db);

const app = await buildApp({
  db,
  writes,
  reports,
  webDist: env.WEB_DIST,
  trustProxy: env.TRUST_PROXY,
  settings,
  logger: env.LOG_FILE ? { file: env.LOG_FILE } : env.NODE_ENV !== "test",
  // A line may name another account's secret by reference; only such names are read from the environment.
  telephony: { authToken: env.TWILIO_AUTH_TOKEN, publicBaseUrl: env.PUBLIC_BASE_URL, secret: (ref) => process.env[ref] },
});
// Requests only append to the write-ahead log; copying it into the database file happens on a
// worker thread. What it cannot do goes to the server's log (the messages name no patient data).
const checkpointer = onFile
  ? startCheckpointer(db, { path: env.INTAKE_DB, onReport: (r) => void (r.kind === "error" && app.log.warn({ message: r.message }, "checkpoint failed")) })
  : null;
const address = await app.listen({ port: env.PORT, host: env.HOST });
const ms = Math.round(performance.now() - started);

const lines = [
  `Iris Intake is running at ${address.replace("127.0.0.1", "localhost")} (ready in ${ms} ms)`,
  `Database: ${env.INTAKE_DB}`,
  `On-call number: ${onCallText(env)}; urgent handoffs escalate after ${env.URGENT_ACK_MINUTES} min without an acknowledgement`,
];
if (env.NODE_ENV !== "production") {
  lines.push(`Demo users (password ${DEMO_PASSWORD})${seeded ? ", just created" : ""}:`);
  for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(12)} ${u.email}`);
  lines.push(`The demo admin signs in with a second factor: authenticator secret ${DEMO_ADMIN_TOTP_SECRET}`);
}
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => Promise.all([writes.close(), reports.close()]))
      .then(() => checkpointer?.stop())
      .then(() => {
      db.$client.close();
      process.exit(0);
    });
  });
}

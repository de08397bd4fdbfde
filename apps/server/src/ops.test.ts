// /healthz, /readyz and /metrics over HTTP, on the compiled server as `pnpm start` runs it.
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@intake/api";
import { openDb, seedBase } from "@intake/db";
import { freePort, launch, signIn, waitReady, type Launched } from "./testing/launch.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-ops-"));
const db = join(dir, "ops.sqlite");
const TOKEN = "metrics-token-0123456789";
let server: Launched;
let port: number;
let base: string;

beforeAll(async () => {
  // One coordinator, to hold a live stream open.
  const setup = openDb({ path: db });
  seedBase(setup);
  await createUser(setup, { email: "nia@clinic.org", name: "Nia Park", role: "coordinator", password: "a-long-password-1" });
  setup.$client.close();
  port = await freePort();
  // 0.0.0.0 so the test can also come from the machine's network address; the database has no demo users.
  server = launch(["node", "apps/server/dist/main.js"], { INTAKE_DB: db, PORT: String(port), HOST: "0.0.0.0", METRICS_TOKEN: TOKEN });
  base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/healthz`, server);
}, 60_000);
afterAll(async () => {
  server.child.kill("SIGTERM");
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
});

const metric = (text: string, name: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};
const metricsText = async () => (await fetch(`${base}/metrics`)).text();

describe("/healthz and /readyz", () => {
  it("is alive and ready on a good database", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { database: "ok", migrations: "ok", keys: "ok" } });
  });

  it("is not ready without its key file, and says which check failed", async () => {
    renameSync(`${db}.keys`, `${db}.keys.aside`);
    try {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { ok: boolean; checks: Record<string, string> };
      expect(body.checks.keys).toMatch(/key file .* is missing/);
      expect(body.checks.database).toBe("ok");
    } finally {
      renameSync(`${db}.keys.aside`, `${db}.keys`);
    }
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("is not ready while the database cannot take a write, nor with its schema behind", async () => {
    const other = new Database(db);
    other.prepare("begin immediate").run();
    try {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { checks: { database: string } }).checks.database).toMatch(/locked/);
    } finally {
      other.prepare("rollback").run();
    }
    const last = other.prepare("select rowid, id, hash, created_at from __drizzle_migrations order by created_at desc limit 1").get() as {
      rowid: number;
      id: number | null;
      hash: string;
      created_at: number;
    };
    other.prepare("delete from __drizzle_migrations where rowid = ?").run(last.rowid);
    try {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { checks: { migrations: string } }).checks.migrations).toMatch(/older/);
    } finally {
      other.prepare("insert into __drizzle_migrations (id, hash, created_at) values (?, ?, ?)").run(last.id, last.hash, last.created_at);
      other.close();
    }
  }, 20_000);
});

describe("/metrics", () => {
  it("is Prometheus text for this machine; from the network, or through a proxy, only with METRICS_TOKEN", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await fetch(`${base}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(403);

    const address = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    expect(address, "this test needs a non-loopback IPv4 address").toBeDefined();
    const remote = `http://${address}:${port}/metrics`;
    expect((await fetch(remote)).status).toBe(403);
    const withToken = await fetch(remote, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain("intake_requests_total");
  });

  it("counts requests, latency and errors per procedure, sign-in failures and lockouts, live streams, the write queue, the log and checkpoints", async () => {
    await fetch(`${base}/trpc/auth.me`);
    await fetch(`${base}/trpc/auth.me`);
    // Wrong passwords until the throttle makes the email wait.
    const answers: number[] = [];
    while (!answers.includes(429) && answers.length < 20) answers.push((await signIn(base, "nobody@clinic.org", "not-the-password-1")).status);
    // A coordinator's live stream, open.
    const cookie = ((await signIn(base, "nia@clinic.org", "a-long-password-1")).headers.get("set-cookie") ?? "").split(";")[0]!;
    const stream = await fetch(`${base}/trpc/workQueue.onChange`, { headers: { accept: "text/event-stream", cookie } });
    const reader = stream.body!.getReader();
    await reader.read();
    const text = await metricsText();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 200));
    expect(metric(await metricsText(), "intake_live_stream_clients")).toBe(0);

    expect(metric(text, 'intake_requests_total{procedure="auth.me",status="401"}')).toBe(2);
    expect(metric(text, 'intake_request_duration_seconds_count{procedure="auth.me"}')).toBe(2);
    expect(metric(text, 'intake_procedure_errors_total{procedure="auth.me",code="UNAUTHORIZED"}')).toBe(2);
    expect(metric(text, "intake_sign_in_failures_total")).toBe(answers.filter((s) => s === 401).length);
    expect(answers.filter((s) => s === 401).length).toBeGreaterThanOrEqual(5);
    expect(metric(text, "intake_sign_in_lockouts_total")).toBe(1);
    expect(metric(text, "intake_live_stream_clients")).toBe(1);
    expect(metric(text, "intake_write_queue_depth")).toBe(0);
    expect(metric(text, "intake_wal_bytes")).toBeGreaterThan(0);
    expect(text).toContain("# TYPE intake_checkpoint_duration_seconds histogram");
    expect(metric(text, "intake_checkpoint_duration_seconds_count")).toBeGreaterThan(0);
  });
});

// The README's start command, run as a person runs it (`pnpm start` from the repository root, a
// real process on a real port) with each setting of the configuration table, and stopped the ways
// a machine stops it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import twilio from "twilio";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo } from "@intake/db";
import { DEMO_USERS_REFUSAL } from "./exposure.ts";
import { cmdline, freePort, listening, pnpmIntake, pnpmStart, serverPid, signIn, waitReady, type Launched } from "./testing/launch.ts";
import { TWILIO_STATUS_PATH } from "./webhooks/twilio.ts";

const dir = mkdtempSync(join(tmpdir(), "intake-start-"));
const running: Launched[] = [];
afterAll(() => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>, host = "127.0.0.1") {
  const port = await freePort();
  const server = pnpmStart({ PORT: String(port), HOST: host, ...env });
  running.push(server);
  const base = `http://${host}:${port}`;
  const t0 = performance.now();
  await waitReady(`${base}/healthz`, server);
  return { server, port, base, readyMs: Math.round(performance.now() - t0) };
}

const count = (db: string, sql: string) => {
  const c = new Database(db, { readonly: true });
  try {
    return (c.prepare(sql).pluck().get() as number) ?? 0;
  } finally {
    c.close();
  }
};

describe("pnpm start honours the configuration table", { timeout: 180_000 }, () => {
  it("DEMO_LEADS, HOST, WEB_DIST, LOG_FILE, TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL all reach the server", async () => {
    const web = join(dir, "web");
    mkdirSync(web);
    writeFileSync(join(web, "index.html"), "<!doctype html><title>dashboard from WEB_DIST</title>");
    const token = "0123456789abcdef0123456789abcdef";
    const publicBase = "https://intake.clinic.example";
    const db = join(dir, "all.sqlite");
    const log = join(dir, "requests.log");
    // 127.0.0.2 is loopback, but not the default address: only a server that read HOST answers there.
    const { server, port, base } = await start(
      { INTAKE_DB: db, DEMO_LEADS: "10", WEB_DIST: web, LOG_FILE: log, TWILIO_AUTH_TOKEN: token, PUBLIC_BASE_URL: publicBase },
      "127.0.0.2",
    );
    expect(await listening("127.0.0.1", port)).toBe(false);

    expect(count(db, "select count(*) from lead")).toBe(10);
    expect(await (await fetch(`${base}/`)).text()).toContain("dashboard from WEB_DIST");

    const params = {
      AccountSid: `AC${"0".repeat(32)}`,
      CallSid: `CA${"1".repeat(32)}`,
      CallStatus: "ringing",
      Direction: "inbound",
      From: "+13235550177",
      To: "+18188052469",
    };
    const deliver = (signature: string) =>
      fetch(`${base}${TWILIO_STATUS_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
    expect((await deliver(twilio.getExpectedTwilioSignature(token, `${publicBase}${TWILIO_STATUS_PATH}`, params))).status).toBe(204);
    expect((await deliver(twilio.getExpectedTwilioSignature(token, `${base}${TWILIO_STATUS_PATH}`, params))).status).toBe(403);

    server.child.kill("SIGTERM");
    await server.exited;
    const lines = readFileSync(log, "utf8");
    expect(lines).toContain(`"url":"${TWILIO_STATUS_PATH}"`);
    expect(lines).toContain('"url":"/healthz"');
  });

  it("TRUST_PROXY: behind a TLS proxy the session cookie is Secure", async () => {
    const db = join(dir, "proxy.sqlite");
    const add = pnpmIntake(["user", "add", "--email", "nia@clinic.org", "--name", "Nia Park", "--role", "coordinator", "--password", "a-long-password-1"], {
      INTAKE_DB: db,
    });
    expect(await add.exited, add.output()).toBe(0);
    const plain = await start({ INTAKE_DB: db, TRUST_PROXY: "false" });
    const direct = await signIn(plain.base, "nia@clinic.org", "a-long-password-1", { "x-forwarded-proto": "https" });
    expect(direct.headers.get("set-cookie")).not.toMatch(/Secure/);
    plain.server.child.kill("SIGTERM");
    await plain.server.exited;

    const proxied = await start({ INTAKE_DB: db, TRUST_PROXY: "true" });
    const res = await signIn(proxied.base, "nia@clinic.org", "a-long-password-1", { "x-forwarded-proto": "https" });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-.*; Secure/);
    proxied.server.child.kill("SIGTERM");
    await proxied.server.exited;
  });
});

describe("safe by default: demo users only where nobody else can reach them", { timeout: 180_000 }, () => {
  it("started on another address, with no NODE_ENV, it creates no demo users and no demo data", async () => {
    const db = join(dir, "open.sqlite");
    const { server } = await start({ INTAKE_DB: db }, "0.0.0.0");
    expect(count(db, "select count(*) from user")).toBe(0);
    expect(count(db, "select count(*) from lead")).toBe(0);
    expect(server.output()).not.toMatch(/demo/i);
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it("refuses a database that holds demo users behind a proxy or on another address, until `pnpm intake user remove-demo`", async () => {
    const db = join(dir, "was-demo.sqlite");
    const seeded = openDb({ path: db });
    seedBase(seeded);
    seedDemo(seeded, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 20 });
    seeded.$client.close();

    const exposed: Record<string, string>[] = [{ TRUST_PROXY: "true", HOST: "127.0.0.1" }, { HOST: "0.0.0.0" }];
    for (const env of exposed) {
      const refused = pnpmStart({ INTAKE_DB: db, PORT: String(await freePort()), ...env });
      running.push(refused);
      expect(await refused.exited).toBe(1);
      // One line says what to do (pnpm adds its own line about the exit code).
      expect(
        refused
          .output()
          .split("\n")
          .filter((l) => /demo/i.test(l)),
      ).toEqual([DEMO_USERS_REFUSAL]);
      expect(DEMO_USERS_REFUSAL).toContain("pnpm intake user remove-demo");
    }

    const removal = pnpmIntake(["user", "remove-demo"], { INTAKE_DB: db });
    expect(await removal.exited, removal.output()).toBe(0);
    const { server, base } = await start({ INTAKE_DB: db, TRUST_PROXY: "true" });
    for (const email of ["coordinator@iris.test", "admin@iris.test"]) expect((await signIn(base, email, DEMO_PASSWORD)).status).toBe(401);
    server.child.kill("SIGTERM");
    await server.exited;
    // Records that name the demo users keep their names; the audit chain stays whole.
    expect(count(db, "select count(*) from user where active = 1")).toBe(0);
    const verify = pnpmIntake(["audit", "verify"], { INTAKE_DB: db });
    expect(await verify.exited, verify.output()).toBe(0);
  });

  it("`pnpm intake setup` prepares a production database: the first admin, their authenticator once, no demo data", async () => {
    const db = join(dir, "setup.sqlite");
    const setup = pnpmIntake(["setup", "--email", "boss@clinic.org", "--name", "Bo Boss"], { INTAKE_DB: db }, "a-long-password-9\n");
    expect(await setup.exited, setup.output()).toBe(0);
    expect(setup.output()).toMatch(/Authenticator secret .*: [A-Z2-7]{32}/);
    expect(setup.output()).toMatch(/otpauth:\/\/totp\//);
    expect(setup.output()).not.toContain("a-long-password-9");
    expect(count(db, "select count(*) from user where role = 'admin' and totp_secret is not null")).toBe(1);
    expect(count(db, "select count(*) from user")).toBe(1);
    expect(count(db, "select count(*) from lead")).toBe(0);

    const again = pnpmIntake(["setup", "--email", "other@clinic.org", "--name", "O"], { INTAKE_DB: db }, "a-long-password-8\n");
    expect(await again.exited).toBe(1);
    expect(again.output()).toMatch(/already has users: add more with `pnpm intake user add`/);

    const { server } = await start({ INTAKE_DB: db, TRUST_PROXY: "true", NODE_ENV: "production" });
    expect(count(db, "select count(*) from user")).toBe(1);
    server.child.kill("SIGTERM");
    await server.exited;
  });
});

describe("pnpm start runs compiled JavaScript and stops when told", { timeout: 180_000 }, () => {
  /** Signs in as the demo coordinator and opens the work queue's live stream; resolves once it said "ready". */
  async function openStream(base: string) {
    const cookie = ((await signIn(base, "coordinator@iris.test", "demo-password-1")).headers.get("set-cookie") ?? "").split(";")[0]!;
    const res = await fetch(`${base}/trpc/workQueue.onChange`, { headers: { cookie, accept: "text/event-stream" } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes("ready")) seen += new TextDecoder().decode((await reader.read()).value);
    // Keeps reading, as a browser tab does, until the server ends the stream.
    const ended = (async () => {
      try {
        while (!(await reader.read()).done);
      } catch {
        // the connection was closed under it: a dashboard reconnects
      }
    })();
    return { ended };
  }

  it("serves from node on the built bundle, with no TypeScript loader, and SIGTERM stops it within 10 s with a live stream open", async () => {
    const db = join(dir, "stop.sqlite");
    const { server, port, base, readyMs } = await start({ INTAKE_DB: db, DEMO_LEADS: "0" });
    const pid = serverPid(server.child.pid!);
    expect(pid).not.toBeNull();
    const args = cmdline(pid!);
    expect(args[0]).toMatch(/node$/);
    expect(args.some((a) => /apps\/server\/dist\/main\.js$/.test(a))).toBe(true);
    expect(args.join(" ")).not.toMatch(/tsx/);
    expect(readFileSync(`/proc/${pid}/environ`, "utf8")).not.toMatch(/tsx/);
    expect(readFileSync(`/proc/${pid}/maps`, "utf8")).not.toMatch(/esbuild/);

    const stream = await openStream(base);
    const t0 = performance.now();
    process.kill(pid!, "SIGTERM");
    const code = await server.exited;
    const stopMs = Math.round(performance.now() - t0);
    await stream.ended;
    console.log(`pnpm start: ready in ${readyMs} ms after spawn; stopped in ${stopMs} ms with a live stream open`);
    expect(stopMs).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(await listening("127.0.0.1", port)).toBe(false);
  });

  it("SIGTERM to the launcher stops the server too", async () => {
    const { server, port, base } = await start({ INTAKE_DB: join(dir, "stop.sqlite"), DEMO_LEADS: "0" });
    const pid = serverPid(server.child.pid!)!;
    const stream = await openStream(base);
    const t0 = performance.now();
    server.child.kill("SIGTERM");
    await stream.ended;
    while (existsPid(pid) && performance.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(existsPid(pid)).toBe(false);
    expect(await listening("127.0.0.1", port)).toBe(false);
  });

  it("a launcher killed with SIGKILL leaves no server behind on the port", async () => {
    const { server, port } = await start({ INTAKE_DB: join(dir, "stop.sqlite"), DEMO_LEADS: "0" });
    const pid = serverPid(server.child.pid!)!;
    expect(pid).not.toBe(server.child.pid);
    server.child.kill("SIGKILL");
    const t0 = performance.now();
    while ((await listening("127.0.0.1", port)) && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 100));
    const freedMs = Math.round(performance.now() - t0);
    console.log(`launcher SIGKILLed: port freed in ${freedMs} ms`);
    expect(await listening("127.0.0.1", port)).toBe(false);
    while (existsPid(pid) && performance.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(existsPid(pid)).toBe(false);
  });
});

function existsPid(pid: number): boolean {
  try {
    // A zombie still has a /proc entry: only a live process counts.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

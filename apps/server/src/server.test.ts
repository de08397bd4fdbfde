// The real HTTP process on a real SQLite file: cookies, error shapes, health, the dashboard.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { openDb, seedBase, seedDemo, DEMO_PASSWORD, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "./app.ts";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-server-"));
  mkdirSync(join(dir, "web"));
  writeFileSync(join(dir, "web", "index.html"), "<!doctype html><title>Iris Intake</title>");
  mkdirSync(join(dir, "web", "assets"));
  writeFileSync(join(dir, "web", "assets", "index-3f9a2c1b.js"), "export {};");
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 20 });
  app = await buildApp({ db, webDist: join(dir, "web") });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, json: unknown, cookie?: string) =>
  fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json }),
  });

async function signIn(email: string) {
  const res = await post("auth.signIn", { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return { setCookie, cookie: setCookie.split(";")[0]! };
}

describe("server", () => {
  it("answers /healthz", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain http)", async () => {
    const { setCookie } = await signIn("coordinator@iris.test");
    expect(setCookie).toMatch(/^intake_session=[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
  });

  it("behind a TLS proxy uses a __Host- cookie marked Secure", async () => {
    const proxied = await buildApp({ db, webDist: join(dir, "web"), trustProxy: true });
    const res = await proxied.inject({
      method: "POST",
      url: "/trpc/auth.signIn",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", "x-forwarded-proto": "https" },
      payload: JSON.stringify({ json: { email: "coordinator@iris.test", password: DEMO_PASSWORD } }),
    });
    await proxied.close();
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/^__Host-intake_session=[\w-]+;/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/Path=\//);
    expect(String(res.headers["strict-transport-security"])).toMatch(/max-age=31536000/);
  });

  it("logs a call over HTTP with superjson and any phone format", async () => {
    const { cookie } = await signIn("coordinator@iris.test");
    const res = await post(
      "call.log",
      {
        direction: "inbound",
        otherNumber: "1 (818) 555-0177",
        startedAt: "2026-11-25T17:00:00.000Z",
        durationSeconds: 90,
        outcome: "connected",
        callerName: "Pat Q",
      },
      cookie,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: { call: { otherNumber: string }; lead: { status: string } } } } };
    expect(body.result.data.json.call.otherNumber).toBe("+18185550177");
    expect(body.result.data.json.lead.status).toBe("contacting");
  });

  it("answers bad input with 400 and field messages that do not repeat it", async () => {
    const { cookie } = await signIn("coordinator@iris.test");
    const res = await post(
      "call.log",
      { direction: "inbound", otherNumber: "SECRET-NUMBER", startedAt: "soon", durationSeconds: 3, outcome: "connected" },
      cookie,
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain("SECRET");
    const body = JSON.parse(text) as { error: { json: { data: { code: string; fieldErrors: Record<string, string[]> } } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.json.data.fieldErrors).sort()).toEqual(["otherNumber", "startedAt"]);
  });

  it("answers 401 without a session and 403 for the wrong role", async () => {
    const call = { direction: "inbound", otherNumber: "8185550178", startedAt: "2026-11-25T17:00:00.000Z", durationSeconds: 1, outcome: "connected" };
    expect((await post("call.log", call)).status).toBe(401);
    const { cookie } = await signIn("scheduler@iris.test");
    expect((await post("call.log", call, cookie)).status).toBe(403);
  });

  it("never answers 500 to malformed requests", async () => {
    const raw = await fetch(`${base}/trpc/call.log`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1" },
      body: "{not json",
    });
    expect(raw.status).toBeLessThan(500);
    expect((await fetch(`${base}/trpc/no.such.procedure`)).status).toBe(404);
    expect((await fetch(`${base}/trpc/lead.list?input=%7Bbroken`)).status).toBeLessThan(500);
  });

  it("refuses a state-changing request without the dashboard's header or from another origin", async () => {
    const { cookie } = await signIn("coordinator@iris.test");
    const call = { direction: "inbound", otherNumber: "8185550179", startedAt: "2026-11-25T17:00:00.000Z", durationSeconds: 1, outcome: "connected" };
    const noHeader = await fetch(`${base}/trpc/call.log`, {
      method: "POST",
      headers: { "content-type": "text/plain", cookie },
      body: JSON.stringify({ json: call }),
    });
    expect(noHeader.status).toBe(403);
    const crossSite = await fetch(`${base}/trpc/call.log`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-intake-csrf": "1", origin: "https://evil.example", cookie },
      body: JSON.stringify({ json: call }),
    });
    expect(crossSite.status).toBe(403);
    expect((await post("call.log", call, cookie)).status).toBe(200);
  });

  it("sends security headers", async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("serves the dashboard at / and for its client-side routes", async () => {
    for (const path of ["/", "/leads/12"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("<title>Iris Intake</title>");
    }
  });

  describe("caching", () => {
    const noStore = (res: Response) => expect(res.headers.get("cache-control"), `${res.url} ${res.status}`).toMatch(/(^|,\s*)no-store(\s*,|$)/);

    it("no answer from the API may be stored: queries, mutations, exports, errors, refusals and live streams", async () => {
      const { cookie } = await signIn("coordinator@iris.test");
      const logged = await post(
        "call.log",
        {
          direction: "inbound",
          otherNumber: "8185550181",
          startedAt: "2026-11-25T17:00:00.000Z",
          durationSeconds: 30,
          outcome: "connected",
          callerName: "Cache Q",
        },
        cookie,
      );
      expect(logged.status).toBe(200);
      noStore(logged);
      const list = await fetch(`${base}/trpc/lead.list?input=${encodeURIComponent(JSON.stringify({ json: { page: 1, perPage: 5 } }))}`, {
        headers: { cookie },
      });
      expect(list.status).toBe(200);
      noStore(list);
      const manager = await signIn("manager@iris.test");
      const exported = await fetch(`${base}/trpc/audit.export?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, {
        headers: { cookie: manager.cookie },
      });
      expect(exported.status).toBe(200);
      noStore(exported);
      // A refused sign-in, a missing session, bad input, an unknown procedure and a CSRF refusal.
      noStore(await post("auth.signIn", { email: "nobody@iris.test", password: "not-the-password" }));
      noStore(await post("call.log", {}));
      noStore(await post("call.log", { otherNumber: "x" }, cookie));
      noStore(await fetch(`${base}/trpc/no.such.procedure`));
      noStore(await fetch(`${base}/trpc/call.log`, { method: "POST", headers: { "content-type": "text/plain", cookie }, body: "{}" }));
      const ac = new AbortController();
      const stream = await fetch(`${base}/trpc/call.onLive`, { headers: { cookie, accept: "text/event-stream" }, signal: ac.signal });
      expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
      noStore(stream);
      ac.abort();
    });

    it("no webhook answer may be stored", async () => {
      const res = await fetch(`${base}/webhooks/voice/status`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "CallSid=x",
      });
      expect(res.status).toBe(403);
      noStore(res);
    });

    it("the dashboard's index is revalidated on every load; its hashed assets are kept for a year", async () => {
      for (const path of ["/", "/index.html", "/leads/12"]) {
        const res = await fetch(`${base}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("cache-control"), path).toBe("no-cache");
      }
      const asset = await fetch(`${base}/assets/index-3f9a2c1b.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    });
  });
});

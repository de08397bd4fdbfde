// The sign-in throttle over real HTTP: bursts sent at once get exactly the free tries, no more.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "./app.ts";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let clock = Date.parse("2026-11-25T17:00:00Z");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-signin-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 0 });
  // One proxy in front, so each test can come from an address of its own.
  app = await buildApp({ db, webDist: join(dir, "none"), trustProxy: 1, now: () => new Date(clock) });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (email: string, password: string, from: string) =>
  fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1", "x-forwarded-for": from },
    body: JSON.stringify({ json: { email, password } }),
  });

/** 401: the password was checked (and was wrong); 429: refused before any check. */
const tally = (statuses: number[]) => ({ checked: statuses.filter((s) => s === 401).length, refused: statuses.filter((s) => s === 429).length });
/** The audit trail agrees: a checked wrong password is "denied", a throttled attempt "failed". */
const audited = (since: number) =>
  db.$client
    .prepare("select outcome, count(*) as n from audit_entry where action = 'auth.signIn' and seq > ? group by outcome order by outcome")
    .all(since) as { outcome: string; n: number }[];
const lastSeq = () => db.$client.prepare("select coalesce(max(seq), 0) from audit_entry").pluck().get() as number;

describe("sign-in throttle", () => {
  it("a burst of 60 wrong passwords at once for one account has exactly five checked; the right one then waits", async () => {
    const since = lastSeq();
    const burst = await Promise.all(Array.from({ length: 60 }, () => signIn("coordinator@iris.test", "wrong-password-1", "203.0.113.10")));
    expect(tally(burst.map((r) => r.status))).toEqual({ checked: 5, refused: 55 });
    expect(audited(since)).toEqual([
      { outcome: "denied", n: 5 },
      { outcome: "failed", n: 55 },
    ]);

    const locked = await signIn("coordinator@iris.test", DEMO_PASSWORD, "203.0.113.11");
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/Try again in 1 minute/);
    clock += 29_000;
    expect((await signIn("coordinator@iris.test", DEMO_PASSWORD, "203.0.113.11")).status).toBe(429);
    clock += 2_000;
    expect((await signIn("coordinator@iris.test", DEMO_PASSWORD, "203.0.113.11")).status).toBe(200);
  }, 60_000);

  it("one at a time, five wrong passwords are checked and the sixth is not", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signIn("scheduler@iris.test", "wrong-password-1", "203.0.113.20")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  }, 30_000);

  it("a burst of 100 wrong passwords at once for 100 accounts from one address has exactly twenty checked", async () => {
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(`nobody-${i}@iris.test`, "wrong-password-1", "203.0.113.30")));
    expect(tally(burst.map((r) => r.status))).toEqual({ checked: 20, refused: 80 });
    // The address waits, whichever account it tries next.
    expect((await signIn("manager@iris.test", DEMO_PASSWORD, "203.0.113.30")).status).toBe(429);
    expect((await signIn("manager@iris.test", DEMO_PASSWORD, "203.0.113.31")).status).toBe(200);
  }, 60_000);

  it("right passwords do not use up an address's tries, and leave nothing counted", async () => {
    for (let i = 0; i < 25; i++) expect((await signIn("clinician@iris.test", DEMO_PASSWORD, "203.0.113.40")).status).toBe(200);
    expect(db.$client.prepare("select count(*) from sign_in_throttle where key in ('ip:203.0.113.40', 'acct:clinician@iris.test')").pluck().get()).toBe(0);
  }, 60_000);
});

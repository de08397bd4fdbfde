// The coordinator's live calls over real HTTP, fed by signed status callbacks: calls whose final
// callback never came go stale and leave the list, and the list says how many it is not showing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "./app.ts";
import { deliverCallback, newSid, statusParams, TEST_AUTH_TOKEN, TEST_PUBLIC_BASE_URL } from "./testing/twilioCallbacks.ts";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let cookie: string;
let clock = Date.parse("2026-11-25T17:00:00Z");
const MINUTE = 60_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-livecalls-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 0 });
  app = await buildApp({
    db,
    webDist: join(dir, "none"),
    now: () => new Date(clock),
    telephony: { authToken: TEST_AUTH_TOKEN, publicBaseUrl: TEST_PUBLIC_BASE_URL },
  });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email: "coordinator@iris.test", password: DEMO_PASSWORD } }),
  });
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Live {
  items: { id: number; state: string; otherNumber: string }[];
  more: number;
}
async function live(): Promise<Live> {
  const res = await fetch(`${base}/trpc/call.live`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { data: { json: Live } } }).result.data.json;
}

/** Reports each call's statuses in order, `minutesAgo` before now, from numbers of its own; several calls at once. */
async function calls(n: number, from: string, steps: { status: string; minutesAgo: number; extra?: Record<string, string> }[]) {
  const sids = Array.from({ length: n }, newSid);
  for (let start = 0; start < n; start += 100) {
    await Promise.all(
      sids.slice(start, start + 100).map(async (sid, i) => {
        const caller = `${from}${String(start + i).padStart(4, "0")}`;
        for (const step of steps) {
          const status = await deliverCallback(
            base,
            statusParams(sid, step.status, new Date(clock - step.minutesAgo * MINUTE), { From: caller, ...step.extra }),
          );
          expect(status).toBe(204);
        }
      }),
    );
  }
}

describe("call.live", () => {
  it("leaves out calls that never got a final status, keeps the ones still going, and counts what it does not list", async () => {
    // 2,000 calls rang an hour ago and never reported again.
    await calls(2000, "+1323555", [{ status: "ringing", minutesAgo: 60 }]);
    expect(await live()).toEqual({ items: [], more: 0 });

    await calls(3, "+1213555", [{ status: "ringing", minutesAgo: 1 }]);
    // Answered 5 hours ago and never ended: stale. Answered an hour ago: a long call, still live.
    await calls(1, "+1310555", [
      { status: "ringing", minutesAgo: 301 },
      { status: "in-progress", minutesAgo: 300 },
    ]);
    await calls(1, "+1818555", [
      { status: "ringing", minutesAgo: 61 },
      { status: "in-progress", minutesAgo: 60 },
    ]);
    // Ended two days ago and never completed by a coordinator: it waits, however old.
    await calls(1, "+1626555", [{ status: "completed", minutesAgo: 2 * 24 * 60, extra: { CallDuration: "40" } }]);
    const now = await live();
    expect(now.more).toBe(0);
    expect(now.items.map((c) => c.state).sort()).toEqual(["ended", "in_progress", "ringing", "ringing", "ringing"]);
    expect(now.items.find((c) => c.state === "in_progress")?.otherNumber).toMatch(/^\+1818555/);

    // 60 more ring now: the newest 50 are listed, and the rest counted.
    await calls(60, "+1415555", [{ status: "ringing", minutesAgo: 0 }]);
    const busy = await live();
    expect(busy.items).toHaveLength(50);
    expect(busy.items.every((c) => c.otherNumber.startsWith("+1415555"))).toBe(true);
    expect(busy.more).toBe(65 - 50);

    // Ten minutes on, none of the ringing calls has reported again: all stale.
    clock += 10 * MINUTE;
    const later = await live();
    expect(later.items.map((c) => c.state).sort()).toEqual(["ended", "in_progress"]);
    expect(later.more).toBe(0);
  }, 120_000);
});

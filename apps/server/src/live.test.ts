// The live inbox over SSE, through the real server and tRPC's own subscription client.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, type AppRouter } from "@intake/api";
import { DEMO_PASSWORD, openDb, seedBase, seedDemo, type Db, type OpenedDb } from "@intake/db";
import { buildApp } from "./app.ts";

let dir: string;
let db: Db & OpenedDb;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
/** The server's clock runs this far ahead of the real one; a test moves it to let a session lapse. */
let clockAheadMs = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "intake-live-"));
  db = openDb({ path: join(dir, "intake.sqlite") });
  seedBase(db);
  seedDemo(db, { passwordHash: await hashPassword(DEMO_PASSWORD), leadCount: 0 });
  // The alert clock runs often, on a clock the tests can move, so an idle logoff shows within a moment.
  app = await buildApp({ db, webDist: join(dir, "none"), now: () => new Date(Date.now() + clockAheadMs), alertCheckMs: 50 });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(email: string) {
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-intake-csrf": "1" },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function clientFor(email: string, cookie?: string) {
  cookie ??= await signIn(email);
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie, "x-intake-csrf": "1" } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: `${base}/trpc`, transformer: superjson, EventSource, eventSourceOptions: { fetch: withCookie } }),
        false: httpLink({ url: `${base}/trpc`, transformer: superjson, fetch: withCookie }),
      }),
    ],
  });
}

describe("live inbox", () => {
  it("tells a clinician about an urgent screen the moment it completes, and a scheduler nothing", async () => {
    const clinician = await clientFor("clinician@iris.test");
    const scheduler = await clientFor("scheduler@iris.test");
    const coordinator = await clientFor("coordinator@iris.test");
    const clinicianEvents: unknown[] = [];
    const schedulerEvents: unknown[] = [];
    let ready = 0;
    const subs = [
      clinician.handoff.onInbox.subscribe(undefined, { onData: (e) => (e.kind === "ready" ? ready++ : clinicianEvents.push(e)) }),
      scheduler.handoff.onInbox.subscribe(undefined, { onData: (e) => (e.kind === "ready" ? ready++ : schedulerEvents.push(e)) }),
    ];
    await expect.poll(() => ready, { timeout: 5000 }).toBe(2);

    const { lead } = await coordinator["call.log"].mutate({
      direction: "inbound",
      otherNumber: "(707) 555-0190",
      startedAt: new Date(),
      durationSeconds: 400,
      outcome: "connected",
    });
    const screening = await coordinator.screening.start.mutate({ leadId: lead!.id });
    await coordinator.screening.save.mutate({
      id: screening.id,
      answers: {
        caller: { relation: "self", patientName: "Live Test", dateOfBirth: "1980-01-01", voicemailOk: true, textOk: true, heardFrom: "Radio" },
        pain: {
          durationMonths: 12,
          locations: ["neck"],
          feelings: ["burning"],
          pattern: "daily",
          causes: ["unknown"],
          kind: "neuropathic",
          peg: { average: 8, enjoyment: 8, activity: 8 },
        },
        tried: { treatments: ["acupuncture"], helped: "no" },
        wellbeing: { symptoms: [], conditions: ["depression"], substanceUse: false, safetyConcern: true },
        safety: {
          headImplants: [],
          bodyImplants: [],
          pregnant: "no",
          seizureHistory: false,
          familyEpilepsy: false,
          brainInjury: false,
          severeHeadaches: false,
          fainting: false,
          priorTms: "no",
          medications: [],
          otherConditions: "",
        },
        readiness: { understandsCourse: true, understandsOffLabel: true, canAttendPrework: true, payment: "self_pay" },
      },
    });
    const done = await coordinator.screening.complete.mutate({ id: screening.id });
    expect(done.evaluation.result).toBe("urgent");

    await expect
      .poll(() => clinicianEvents, { timeout: 5000 })
      .toEqual([expect.objectContaining({ kind: "handoff.created", leadId: lead!.id, target: "clinical_pool", urgent: true })]);
    // Events name ids and routing, never the patient.
    expect(JSON.stringify(clinicianEvents)).not.toContain("Live Test");
    expect(schedulerEvents).toEqual([]);
    for (const s of subs) s.unsubscribe();
  });

  it("refuses the live inbox without a session", async () => {
    // An SSE stream answers 200 and reports the refusal as its first event.
    const ac = new AbortController();
    const res = await fetch(`${base}/trpc/handoff.onInbox`, { headers: { accept: "text/event-stream" }, signal: ac.signal });
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("UNAUTHORIZED")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ac.abort();
    expect(text).toContain("serialized-error");
    expect(text).toContain("UNAUTHORIZED");
    expect(text).not.toContain("ready");
  });

  describe("a live inbox whose session ends", () => {
    /** A clinician's live inbox: counts `ready`s and keeps the error it ends with. */
    async function clinicianInbox(cookie: string) {
      const client = await clientFor("clinician@iris.test", cookie);
      const seen = { ready: 0, error: null as { code?: unknown } | null };
      const sub = client.handoff.onInbox.subscribe(undefined, {
        onData: (e) => void (e.kind === "ready" && seen.ready++),
        onError: (error) => void (seen.error = error.data ?? {}),
      });
      await expect.poll(() => seen.ready, { timeout: 5000 }).toBe(1);
      return { seen, sub };
    }

    it("closes with UNAUTHORIZED when the clinician signs out in another tab, and coverage drops", async () => {
      const coordinator = await clientFor("coordinator@iris.test");
      const cookie = await signIn("clinician@iris.test");
      const { seen, sub } = await clinicianInbox(cookie);
      expect((await coordinator.handoff.clinicalCoverage.query()).online).toBe(1);
      const otherTab = await clientFor("clinician@iris.test", cookie);
      await otherTab.auth.signOut.mutate();
      await expect.poll(() => seen.error, { timeout: 5000 }).toMatchObject({ code: "UNAUTHORIZED" });
      await expect.poll(async () => (await coordinator.handoff.clinicalCoverage.query()).online, { timeout: 5000 }).toBe(0);
      sub.unsubscribe();
    });

    it("closes with UNAUTHORIZED at the idle logoff, with no other event to carry it", async () => {
      const { seen, sub } = await clinicianInbox(await signIn("clinician@iris.test"));
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.error).toBeNull();
      clockAheadMs += 16 * 60_000;
      await expect.poll(() => seen.error, { timeout: 5000 }).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
      sub.unsubscribe();
    });
  });
});

// Urgent alerts never fall silent: a live stream whose session ends says so, clinical coverage, and
// the escalation of an urgent handoff nobody acknowledged (the server's alert clock, on a test clock).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { schema } from "@intake/db";
import { eligibleAnswers } from "../testing/answers.ts";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";
import { runAlertChecks } from "../services/alerts.ts";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { DEFAULT_ALERT_SETTINGS } from "../context.ts";
import type { OutboundText, TextSender } from "../services/messaging.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let phoneSeq = 100;

beforeAll(async () => {
  h = await createHarness();
  h.db.update(schema.line).set({ smsEnabled: true }).run();
});
afterAll(() => h.close());
// Tests move the clock by many minutes: each starts with a fresh sign-in and the default settings.
beforeEach(async () => {
  Object.assign(h.settings, DEFAULT_ALERT_SETTINGS, { onCallPhone: "+18185550199" });
  coordinator = await h.as("coordinator");
});

/** The on-call texts the provider was handed (a stand-in of the provider). */
const handed: OutboundText[] = [];
const texts: TextSender = {
  provider: "twilio",
  async send(text) {
    handed.push(text);
    return { providerMessageId: `SM${String(handed.length).padStart(32, "0")}`, status: "queued" };
  },
};
const alertClock = () => runAlertChecks({ db: h.db, writes: h.writes, events: h.events, settings: h.settings, now: () => h.clock.now, texts });

/** A clinician's live inbox, opened and past its `ready`. */
async function openInbox() {
  const { caller, stop } = await h.live("clinician");
  const iterator = (await caller.handoff.onInbox())[Symbol.asyncIterator]();
  expect((await iterator.next()).value).toEqual({ kind: "ready" });
  return { caller, iterator, stop };
}

/** A screen completed as urgent: its handoff goes to the clinical pool at once. */
async function urgentHandoff(callerName: string) {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: `(626) 555-${String(phoneSeq++).padStart(4, "0")}`,
    startedAt: h.clock.now,
    durationSeconds: 600,
    outcome: "connected",
    callerName,
  });
  const answers = eligibleAnswers();
  answers.wellbeing.safetyConcern = true;
  const started = await coordinator.screening.start({ leadId: lead!.id });
  await coordinator.screening.save({ id: started.id, answers });
  const done = await coordinator.screening.complete({ id: started.id });
  expect(done.evaluation.result).toBe("urgent");
  const row = h.db.select().from(schema.handoff).where(eq(schema.handoff.leadId, lead!.id)).get()!;
  return { leadId: lead!.id, handoffId: row.id };
}

const escalatedAt = (handoffId: number) =>
  h.db.select({ at: schema.handoff.escalatedAt }).from(schema.handoff).where(eq(schema.handoff.id, handoffId)).get()!.at;
const escalationAudits = (handoffId: number) =>
  h.db
    .select()
    .from(schema.auditEntry)
    .all()
    .filter((e) => e.action === SERVER_ACTIONS.escalate && e.recordId === String(handoffId));

describe("a live stream whose session ends", () => {
  it("ends with UNAUTHORIZED when the person signs out in another tab", async () => {
    const { caller, iterator, stop } = await openInbox();
    try {
      const ended = codeOf(iterator.next());
      await caller.auth.signOut();
      expect(await ended).toBe("UNAUTHORIZED");
    } finally {
      stop();
    }
  });

  it("ends with UNAUTHORIZED at the idle logoff, told by the alert clock with no other event", async () => {
    h.settings.sessionIdleMs = 2 * 60_000;
    const { iterator, stop } = await openInbox();
    try {
      let settled = false;
      const ended = codeOf(iterator.next()).finally(() => (settled = true));
      // Still within the idle limit: the stream stays open through a pass of the clock.
      h.clock.advanceSeconds(110);
      await alertClock();
      await new Promise((r) => setTimeout(r, 20));
      expect(settled).toBe(false);
      h.clock.advanceSeconds(20);
      await alertClock();
      expect(await ended).toBe("UNAUTHORIZED");
    } finally {
      stop();
    }
  });
});

describe("handoff.clinicalCoverage", () => {
  it("counts clinicians with an open live inbox, once each, and drops when the stream ends", async () => {
    expect(await coordinator.handoff.clinicalCoverage()).toMatchObject({ online: 0, onCallPhone: "+18185550199" });
    const first = await openInbox();
    const second = await openInbox();
    try {
      expect(await coordinator.handoff.clinicalCoverage()).toEqual({ online: 1, lastSeenAt: h.clock.now, onCallPhone: "+18185550199" });
      // One tab closes: the clinician is still there.
      second.stop();
      await expect(second.iterator.next()).rejects.toThrow();
      expect((await coordinator.handoff.clinicalCoverage()).online).toBe(1);
      // The session ends: the last stream closes with it, and nobody covers the inbox.
      const closedAt = h.clock.now;
      const ended = codeOf(first.iterator.next());
      await first.caller.auth.signOut();
      expect(await ended).toBe("UNAUTHORIZED");
      h.clock.advanceMinutes(3);
      expect(await coordinator.handoff.clinicalCoverage()).toEqual({ online: 0, lastSeenAt: closedAt, onCallPhone: "+18185550199" });
    } finally {
      first.stop();
      second.stop();
    }
  });

  it("is read by coordinators, schedulers, managers and admins, not by clinicians", async () => {
    for (const role of ["scheduler", "manager", "admin"] as const) {
      expect((await (await h.as(role)).handoff.clinicalCoverage()).online).toBe(0);
    }
    expect(await codeOf((await h.as("clinician")).handoff.clinicalCoverage())).toBe("FORBIDDEN");
  });
});

describe("escalation of an urgent handoff nobody acknowledged", () => {
  it("escalates once after URGENT_ACK_MINUTES, audited, announced, and listed with the on-call number", async () => {
    h.settings.urgentAckMinutes = 3;
    const { handoffId, leadId } = await urgentHandoff("Escalation Caller");
    const manager = await h.as("manager");
    const managerStream = await h.live("manager");
    const managerEvents = (await managerStream.caller.handoff.onInbox())[Symbol.asyncIterator]();
    expect((await managerEvents.next()).value).toEqual({ kind: "ready" });
    try {
      h.clock.advanceSeconds(179);
      expect(await alertClock()).toEqual([]);
      expect(escalatedAt(handoffId)).toBeNull();
      expect((await coordinator.handoff.escalations()).items).toEqual([]);

      h.clock.advanceSeconds(1);
      const at = h.clock.now;
      const next = managerEvents.next();
      const textsBefore = handed.length;
      expect(await alertClock()).toEqual([handoffId]);
      // The on-call clinician is texted, once, without a word about the caller.
      expect(handed.slice(textsBefore)).toEqual([{ from: "+18188052469", to: "+18185550199", body: "Urgent intake alert: open the inbox" }]);
      expect((await next).value).toMatchObject({ kind: "handoff.escalated", handoffId, leadId, urgent: true });
      expect(escalatedAt(handoffId)).toEqual(at);
      const list = await manager.handoff.escalations();
      expect(list).toEqual({
        onCallPhone: "+18185550199",
        items: [{ handoffId, leadId, leadName: "Escalation Caller", createdAt: expect.any(Date), escalatedAt: at }],
      });
      expect((await coordinator.handoff.escalations()).items.map((i) => i.handoffId)).toEqual([handoffId]);

      // Once: later passes leave it as it was.
      h.clock.advanceMinutes(10);
      expect(await alertClock()).toEqual([]);
      expect(escalatedAt(handoffId)).toEqual(at);
      expect(handed.length).toBe(textsBefore + 1);
      const audits = escalationAudits(handoffId);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: null, recordType: "handoff", outcome: "ok" });

      // A clinician's acknowledgement takes it off the banner.
      const clinician = await h.as("clinician");
      await clinician.handoff.acknowledge({ id: handoffId });
      expect((await coordinator.handoff.escalations()).items).toEqual([]);
    } finally {
      managerStream.stop();
    }
  });

  it("never escalates a handoff acknowledged in time", async () => {
    h.settings.urgentAckMinutes = 5;
    const { handoffId } = await urgentHandoff("Acknowledged Caller");
    h.clock.advanceMinutes(4);
    await (await h.as("clinician")).handoff.acknowledge({ id: handoffId });
    h.clock.advanceMinutes(30);
    expect(await alertClock()).toEqual([]);
    expect(escalatedAt(handoffId)).toBeNull();
    expect(escalationAudits(handoffId)).toEqual([]);
  });

  it("is not for clinicians or schedulers to list", async () => {
    expect(await codeOf((await h.as("clinician")).handoff.escalations())).toBe("FORBIDDEN");
    expect(await codeOf((await h.as("scheduler")).handoff.escalations())).toBe("FORBIDDEN");
  });
});

describe("the clinician's inbox", () => {
  it("puts the newest urgent handoff first", async () => {
    const older = await urgentHandoff("Earlier Urgent Caller");
    h.clock.advanceMinutes(1);
    const newer = await urgentHandoff("Later Urgent Caller");
    const { unread } = await (await h.as("clinician")).handoff.inbox();
    expect(
      unread
        .filter((u) => u.urgent)
        .map((u) => u.id)
        .slice(0, 2),
    ).toEqual([newer.handoffId, older.handoffId]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, ScreeningAnswers } from "@intake/domain";
import type { IntakeEvent } from "../events.ts";
import { eligibleAnswers } from "../testing/answers.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let clinician: Awaited<ReturnType<Harness["as"]>>;
let scheduler: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;
const seen: IntakeEvent[] = [];
let phoneSeq = 100;

/** Moving the test clock past the idle timeout ends sessions, so sign everyone in again after a jump. */
async function signInAll() {
  [coordinator, clinician, scheduler, manager] = await Promise.all([h.as("coordinator"), h.as("clinician"), h.as("scheduler"), h.as("manager")]);
}

beforeAll(async () => {
  h = await createHarness();
  await signInAll();
  const ac = new AbortController();
  void (async () => {
    for await (const e of h.events.stream(ac.signal)) seen.push(e);
  })().catch(() => undefined);
  afterAll(() => ac.abort());
});
afterAll(() => h.close());

async function newLead() {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: `(415) 555-${String(phoneSeq++).padStart(4, "0")}`,
    startedAt: h.clock.now,
    durationSeconds: 600,
    outcome: "connected",
    callerName: "Screen Test",
  });
  return lead!;
}

async function screen(answers: ScreeningAnswers) {
  const lead = await newLead();
  const started = await coordinator.screening.start({ leadId: lead.id });
  await coordinator.screening.save({ id: started.id, answers });
  const done = await coordinator.screening.complete({ id: started.id });
  return { lead, screeningId: started.id, done };
}

const sbar = { situation: "Chronic low back pain, 2.5 years", background: "PT and NSAIDs, partial relief", recommendation: "Book a consult" };

describe("screening → complete → handoff → acknowledge → review", () => {
  it("an eligible caller goes to scheduling, and the scheduler acknowledges the note", async () => {
    const { lead, done } = await screen(eligibleAnswers());
    expect(done.evaluation).toMatchObject({ result: "eligible", flags: [] });
    expect(done.lead.status).toBe("eligible");
    expect(done.screening).toMatchObject({ status: "complete", result: "eligible", formVersion: 1 });

    const handoff = await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar });
    // Written for scheduling: the result and flags a scheduler may read, no scores.
    expect(handoff.assessment).toBe("Screening result: Eligible. No flags.");
    expect((await coordinator.lead.byId({ id: lead.id })).status).toBe("handed_off");
    expect(seen.at(-1)).toMatchObject({ kind: "handoff.created", handoffId: handoff.id, target: "scheduling", urgent: false });

    const inbox = await scheduler.handoff.inbox();
    const item = inbox.unread.find((i) => i.id === handoff.id);
    expect(item).toMatchObject({ result: "eligible", flags: [], situation: sbar.situation, from: "Test coordinator" });
    await scheduler.handoff.acknowledge({ id: handoff.id });
    const after = await scheduler.handoff.inbox();
    expect(after.unread.map((i) => i.id)).not.toContain(handoff.id);
    expect(after.read.find((i) => i.id === handoff.id)?.acknowledgedAt).toEqual(h.clock.now);
  });

  it("a caller with a pacemaker needs review; a clinician receives the note, reads the full screen and clears them", async () => {
    const answers = eligibleAnswers();
    answers.safety.bodyImplants = ["pacemaker"];
    const { lead, done } = await screen(answers);
    expect(done.evaluation.result).toBe("needs_review");
    expect(done.evaluation.flags.map((f) => f.id)).toEqual(["body_implant"]);
    expect(done.lead.status).toBe("needs_review");

    // Before the handoff the clinician may not read this lead's screen.
    expect(await codeOf(clinician.screening.byLead({ leadId: lead.id }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar }))).toBe("BAD_REQUEST");
    const handoff = await coordinator.handoff.create({ leadId: lead.id, to: "clinical_pool", ...sbar, recommendation: "Check pacemaker model" });
    expect(handoff.assessment).toMatch(/^Screening result: Needs clinician review\. Flags: Implanted medical device elsewhere in the body/);

    const inbox = await clinician.handoff.inbox();
    expect(inbox.unread.map((i) => i.id)).toContain(handoff.id);
    const full = await clinician.screening.byLead({ leadId: lead.id });
    expect(full?.answers).toMatchObject({ safety: { bodyImplants: ["pacemaker"] } });

    const cleared = await clinician.clinician.review({ leadId: lead.id, decision: "clear", note: "Pacemaker is MR-conditional; cardiology agrees" });
    expect(cleared.status).toBe("eligible");
    expect((await clinician.handoff.inbox()).unread.map((i) => i.id)).not.toContain(handoff.id);
    expect(await clinician.clinician.notes({ id: lead.id })).toMatchObject([{ decision: "clear", author: "Test clinician" }]);
    // Cleared, the lead now goes to scheduling.
    await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar });
    expect((await coordinator.lead.byId({ id: lead.id })).status).toBe("handed_off");
  });

  it("a clinician can close a flagged lead as not a candidate", async () => {
    const answers = eligibleAnswers();
    answers.safety.seizureHistory = true;
    const { lead } = await screen(answers);
    await coordinator.handoff.create({ leadId: lead.id, to: { clinicianId: h.userId("clinician") }, ...sbar });
    const closed = await clinician.clinician.review({ leadId: lead.id, decision: "close", note: "Recent seizures; not safe" });
    expect(closed).toMatchObject({ status: "closed", closedReason: "not_candidate" });
  });

  it("a head implant closes the lead as not a candidate, naming the rule", async () => {
    const answers = eligibleAnswers();
    answers.safety.headImplants = ["cochlear_implant"];
    const { lead, done } = await screen(answers);
    expect(done.lead).toMatchObject({ status: "closed", closedReason: "not_candidate" });
    const last = (await coordinator.lead.byId({ id: lead.id })).events.at(-1);
    expect(last).toMatchObject({ toStatus: "closed", reason: "not_candidate", detail: "head_implant" });
  });

  it("PHQ-9 item 9 makes the lead urgent and alerts the clinical pool at once", async () => {
    const answers = eligibleAnswers();
    answers.wellbeing.phq9 = [1, 1, 1, 1, 1, 1, 1, 1, 1];
    answers.safety.bodyImplants = ["pacemaker"]; // urgent wins over every other result
    const { lead, done } = await screen(answers);
    expect(done.evaluation.result).toBe("urgent");
    expect(done.evaluation.flags.map((f) => f.id)).toEqual(expect.arrayContaining(["suicidal_ideation", "body_implant"]));
    expect(done.lead).toMatchObject({ urgent: true, status: "needs_review" });
    // The alert first, then the lead's move for the work queues.
    const [alert, moved] = seen.slice(-2);
    expect(alert).toMatchObject({ kind: "handoff.created", leadId: lead.id, target: "clinical_pool", urgent: true });
    expect(moved).toEqual({ kind: "lead.changed", leadId: lead.id });
    const inbox = await clinician.handoff.inbox();
    expect(inbox.unread[0]).toMatchObject({ leadId: lead.id, urgent: true, result: "urgent" });
  });
});

describe("screening drafts", () => {
  it("saves partial answers, resumes them after a dropped call, and shows the running result", async () => {
    const lead = await newLead();
    const started = await coordinator.screening.start({ leadId: lead.id });
    expect((await coordinator.lead.byId({ id: lead.id })).status).toBe("screening");
    const saved = await coordinator.screening.save({
      id: started.id,
      answers: { caller: { relation: "family", patientName: "Jo Test" }, safety: { pregnant: "possible" } },
    });
    expect(saved.running).toMatchObject({ result: "needs_review", complete: false });
    expect(saved.running.flags.map((f) => f.id)).toEqual(["pregnancy"]);

    const resumed = await coordinator.screening.start({ leadId: lead.id });
    expect(resumed.id).toBe(started.id);
    expect(resumed.answers).toEqual({ caller: { relation: "family", patientName: "Jo Test" }, safety: { pregnant: "possible" } });

    const incomplete = await errorOf(coordinator.screening.complete({ id: started.id }));
    expect(incomplete.code).toBe("BAD_REQUEST");
    expect(incomplete.message).toMatch(/Still to answer: .*caller\.dateOfBirth/);
    expect(incomplete.message).not.toContain("Jo Test");
  });

  it("rejects answers outside the form and keeps what was saved", async () => {
    const lead = await newLead();
    const started = await coordinator.screening.start({ leadId: lead.id });
    await coordinator.screening.save({ id: started.id, answers: { pain: { durationMonths: 12 } } });
    expect(await codeOf(coordinator.screening.save({ id: started.id, answers: { pain: { peg: { average: 11 } } } }))).toBe("BAD_REQUEST");
    expect((await coordinator.screening.byLead({ leadId: lead.id }))?.answers).toEqual({ pain: { durationMonths: 12 } });
  });

  it("a completed screen cannot be changed or completed twice", async () => {
    const { screeningId } = await screen(eligibleAnswers());
    expect(await codeOf(coordinator.screening.save({ id: screeningId, answers: {} }))).toBe("CONFLICT");
    expect(await codeOf(coordinator.screening.complete({ id: screeningId }))).toBe("CONFLICT");
  });

  it("a client cannot send a result: completing ignores anything but the stored answers", async () => {
    const answers = eligibleAnswers();
    answers.safety.severeHeadaches = true;
    const { done } = await screen(answers);
    expect(done.evaluation.result).toBe("needs_review");
  });

  it("the age rule uses the clinic's date", async () => {
    // 2026-11-26 05:00 UTC is still the 25th in Los Angeles: born 2008-11-26 is 17 there.
    h.clock.now = new Date("2026-11-26T05:00:00Z");
    await signInAll();
    const answers = eligibleAnswers();
    answers.caller.dateOfBirth = "2008-11-26";
    const { done } = await screen(answers);
    expect(done.evaluation.flags.map((f) => f.id)).toEqual(["under_18"]);
    h.clock.now = new Date("2026-11-26T09:00:00Z");
    await signInAll();
    const { done: nextDay } = await screen(answers);
    expect(nextDay.evaluation.result).toBe("eligible");
  });
});

describe("who may", () => {
  it.each<Role>(["scheduler", "clinician", "manager", "admin"])("only coordinators work screens (%s refused)", async (role) => {
    const caller = await h.as(role);
    const lead = await newLead();
    expect(await codeOf(caller.screening.start({ leadId: lead.id }))).toBe("FORBIDDEN");
    const started = await coordinator.screening.start({ leadId: lead.id });
    expect(await codeOf(caller.screening.save({ id: started.id, answers: {} }))).toBe("FORBIDDEN");
    expect(await codeOf(caller.screening.complete({ id: started.id }))).toBe("FORBIDDEN");
    expect(await codeOf(caller.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar }))).toBe("FORBIDDEN");
  });

  it("schedulers never read full answers", async () => {
    const { lead } = await screen(eligibleAnswers());
    expect(await codeOf(scheduler.screening.byLead({ leadId: lead.id }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.clinician.notes({ id: lead.id }))).toBe("FORBIDDEN");
  });

  it("managers read screens and every inbox; they do not acknowledge or review", async () => {
    const { lead } = await screen(eligibleAnswers());
    expect((await manager.screening.byLead({ leadId: lead.id }))?.result).toBe("eligible");
    const handoff = await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar });
    expect((await manager.handoff.inbox()).unread.map((i) => i.id)).toContain(handoff.id);
    expect(await codeOf(manager.handoff.acknowledge({ id: handoff.id }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.clinician.review({ leadId: lead.id, decision: "clear", note: "fine" }))).toBe("FORBIDDEN");
  });

  it("coordinators have no inbox; clinicians cannot acknowledge scheduling notes nor schedulers clinical ones", async () => {
    expect(await codeOf(coordinator.handoff.inbox())).toBe("FORBIDDEN");
    const { lead } = await screen(eligibleAnswers());
    const toScheduling = await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar });
    expect(await codeOf(clinician.handoff.acknowledge({ id: toScheduling.id }))).toBe("FORBIDDEN");
    const answers = eligibleAnswers();
    answers.safety.fainting = true;
    answers.safety.familyEpilepsy = true;
    const flagged = await screen(answers);
    const toPool = await coordinator.handoff.create({ leadId: flagged.lead.id, to: "clinical_pool", ...sbar });
    expect(await codeOf(scheduler.handoff.acknowledge({ id: toPool.id }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.clinician.review({ leadId: flagged.lead.id, decision: "clear", note: "fine" }))).toBe("FORBIDDEN");
  });

  it("a clinician sees only handoffs to the pool or to them", async () => {
    const other = await h.as("clinician");
    const answers = eligibleAnswers();
    answers.safety.brainInjury = true;
    const { lead } = await screen(answers);
    const otherClinicianId = h.userId("clinician") + 1000; // no such user
    expect(await codeOf(coordinator.handoff.create({ leadId: lead.id, to: { clinicianId: otherClinicianId }, ...sbar }))).toBe("BAD_REQUEST");
    expect(await codeOf(coordinator.handoff.create({ leadId: lead.id, to: { clinicianId: h.userId("scheduler") }, ...sbar }))).toBe("BAD_REQUEST");
    const mine = await coordinator.handoff.create({ leadId: lead.id, to: { clinicianId: h.userId("clinician") }, ...sbar });
    expect((await other.handoff.inbox()).unread.map((i) => i.id)).toContain(mine.id);
    expect(await codeOf(h.anonymous().caller.handoff.inbox())).toBe("UNAUTHORIZED");
  });

  it("unknown ids are NOT_FOUND", async () => {
    expect(await codeOf(coordinator.screening.start({ leadId: 999999 }))).toBe("NOT_FOUND");
    expect(await codeOf(coordinator.screening.save({ id: 999999, answers: {} }))).toBe("NOT_FOUND");
    expect(await codeOf(coordinator.screening.complete({ id: 999999 }))).toBe("NOT_FOUND");
    // To a receiver an unknown handoff is refused like one addressed to someone else.
    expect(await codeOf(scheduler.handoff.acknowledge({ id: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.handoff.create({ leadId: 999999, to: "scheduling", ...sbar }))).toBe("NOT_FOUND");
  });
});

describe("handoff.byId", () => {
  it("gives the note to its receivers and managers, and no one else", async () => {
    const { lead } = await screen(eligibleAnswers());
    const handoff = await coordinator.handoff.create({ leadId: lead.id, to: "scheduling", ...sbar });
    expect(await scheduler.handoff.byId({ id: handoff.id })).toMatchObject({ id: handoff.id, situation: sbar.situation, result: "eligible" });
    expect((await manager.handoff.byId({ id: handoff.id })).id).toBe(handoff.id);
    expect(await codeOf(clinician.handoff.byId({ id: handoff.id }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.handoff.byId({ id: handoff.id }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.handoff.byId({ id: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.handoff.byId({ id: 999999 }))).toBe("NOT_FOUND");
  });
});

describe("escalating an urgent screen before it is finished", () => {
  it("alerts the clinical pool at once, and completing later does not alert twice", async () => {
    const lead = await newLead();
    const started = await coordinator.screening.start({ leadId: lead.id });
    await coordinator.screening.save({ id: started.id, answers: { caller: { relation: "self" } } });
    expect(await codeOf(coordinator.screening.escalate({ id: started.id }))).toBe("BAD_REQUEST");
    await coordinator.screening.save({ id: started.id, answers: { caller: { relation: "self" }, wellbeing: { safetyConcern: true } } });
    const before = seen.length;
    const first = await coordinator.screening.escalate({ id: started.id });
    expect(first.alreadyAlerted).toBe(false);
    expect(seen.slice(before)).toEqual([expect.objectContaining({ kind: "handoff.created", leadId: lead.id, urgent: true, target: "clinical_pool" })]);
    const escalatedId = first.handoffId;
    expect((await coordinator.screening.escalate({ id: started.id })).alreadyAlerted).toBe(true);
    const inbox = await clinician.handoff.inbox();
    expect(inbox.unread.filter((i) => i.leadId === lead.id)).toHaveLength(1);

    const answers = eligibleAnswers();
    answers.wellbeing.safetyConcern = true;
    await coordinator.screening.save({ id: started.id, answers });
    const beforeComplete = seen.length;
    const done = await coordinator.screening.complete({ id: started.id });
    expect(done.evaluation.result).toBe("urgent");
    expect((await clinician.handoff.inbox()).unread.filter((i) => i.leadId === lead.id)).toHaveLength(1);
    // The open inbox hears that the note's lead is now ready for review (no second alert); the
    // work queue, that the lead moved.
    expect(seen.slice(beforeComplete)).toEqual([
      expect.objectContaining({ kind: "handoff.updated", handoffId: escalatedId }),
      { kind: "lead.changed", leadId: lead.id },
    ]);
    const page = await coordinator.lead.byId({ id: lead.id });
    expect(page.handoffs).toEqual([expect.objectContaining({ target: "clinical_pool", urgent: true, acknowledgedAt: null })]);
  });

  it("a lead moved to screening by hand can still be screened", async () => {
    const lead = await newLead();
    await coordinator.lead.transition({ id: lead.id, to: "screening" });
    const started = await coordinator.screening.start({ leadId: lead.id });
    expect(started.status).toBe("in_progress");
  });
});

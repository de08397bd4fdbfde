import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role, ScreeningAnswers } from "@intake/domain";
import { eligibleAnswers } from "../testing/answers.ts";
import { screenedLead } from "../testing/flows.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let scheduler: Awaited<ReturnType<Harness["as"]>>;
let clinician: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;
let phoneSeq = 100;

/** Moving the test clock past the idle timeout ends sessions, so sign everyone in again after a jump. */
async function signInAll() {
  [coordinator, scheduler, clinician, manager] = await Promise.all([h.as("coordinator"), h.as("scheduler"), h.as("clinician"), h.as("manager")]);
}

beforeAll(async () => {
  h = await createHarness();
  await signInAll();
});
afterAll(() => h.close());

const sbar = { situation: "Chronic neck pain", background: "Acupuncture, no relief", recommendation: "Book a consult" };
const clinicianId = () => h.userId("clinician");

function screened(answers: ScreeningAnswers, name: string) {
  return screenedLead(coordinator, h.clock.now, { phone: `(707) 555-${String(phoneSeq++).padStart(4, "0")}`, name, answers });
}

/** Screened eligible and handed to scheduling through the real flow. */
async function handedOff(name = "Queue Test", answers = eligibleAnswers()) {
  const leadId = await screened(answers, name);
  const handoff = await coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
  return { leadId, handoffId: handoff.id };
}

const queueIds = async (caller = scheduler) => (await caller.scheduling.queue({ perPage: 200 })).items.map((i) => i.leadId);

describe("scheduling.queue", () => {
  it("holds handed-off leads, oldest handoff first, paged in SQL", async () => {
    const first = await handedOff("First Waiting");
    h.clock.advanceMinutes(5);
    const second = await handedOff("Second Waiting");
    h.clock.advanceMinutes(5);
    const third = await handedOff("Third Waiting");
    const page = await scheduler.scheduling.queue({ page: 1, perPage: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.leadId)).toEqual([first.leadId, second.leadId]);
    expect((await scheduler.scheduling.queue({ page: 2, perPage: 2 })).items.map((i) => i.leadId)).toEqual([third.leadId]);
    expect((await scheduler.scheduling.queue()).items).toHaveLength(3);
    expect(page.items[0]).toMatchObject({ handoffId: first.handoffId, acknowledgedAt: null, needs: "booking", leadStatus: "handed_off" });
    expect(page.items[1]!.handedOffAt.getTime() - page.items[0]!.handedOffAt.getTime()).toBe(5 * 60_000);

    await scheduler.handoff.acknowledge({ id: first.handoffId });
    expect((await scheduler.scheduling.queue()).items[0]?.acknowledgedAt).toEqual(h.clock.now);
  });

  it("carries the screening's result, flags, payment and contact preferences, and never the answers", async () => {
    const answers = eligibleAnswers();
    answers.caller.patientName = "Secret Patientname";
    answers.caller.voicemailOk = false;
    answers.caller.textOk = true;
    answers.readiness.payment = "self_pay";
    answers.safety.medications = ["secretmedicine"];
    const { leadId, handoffId } = await handedOff("Listed Name", answers);
    const item = (await scheduler.scheduling.queue({ perPage: 200 })).items.find((i) => i.leadId === leadId);
    expect(Object.keys(item!).sort()).toEqual([
      "acknowledgedAt",
      "flags",
      "handedOffAt",
      "handoffId",
      "lastConsultStatus",
      "leadId",
      "leadName",
      "leadPhone",
      "leadStatus",
      "needs",
      "payment",
      "result",
      "textOk",
      "voicemailOk",
    ]);
    expect(item).toMatchObject({
      leadName: "Listed Name",
      leadPhone: expect.stringMatching(/^\+1707555\d{4}$/),
      handoffId,
      result: "eligible",
      flags: [],
      payment: "self_pay",
      voicemailOk: false,
      textOk: true,
      lastConsultStatus: null,
    });
    const wire = JSON.stringify(await scheduler.scheduling.queue({ perPage: 200 }));
    expect(wire).not.toMatch(/answers|Secret Patientname|secretmedicine|dateOfBirth|1971-03-14/);
  });

  it("shows the flags a clinician cleared, from the latest completed screening", async () => {
    const answers = eligibleAnswers();
    answers.safety.bodyImplants = ["pacemaker"];
    const leadId = await screened(answers, "Cleared Later");
    await coordinator.handoff.create({ leadId, to: "clinical_pool", ...sbar });
    await clinician.clinician.review({ leadId, decision: "clear", note: "MR-conditional pacemaker; fine for TMS" });
    await coordinator.handoff.create({ leadId, to: "scheduling", ...sbar });
    const item = (await scheduler.scheduling.queue({ perPage: 200 })).items.find((i) => i.leadId === leadId);
    expect(item).toMatchObject({ result: "needs_review", payment: "insurance", voicemailOk: true, textOk: false });
    expect(item?.flags.map((f) => f.id)).toEqual(["body_implant"]);
  });

  it("a booked lead leaves the queue; a closed one is not in it", async () => {
    const booked = await handedOff();
    const closed = await handedOff();
    await scheduler.appointment.book({ leadId: booked.leadId, kind: "consult", startsAt: new Date("2026-12-01T17:00:00Z"), clinicianId: clinicianId() });
    await coordinator.lead.transition({ id: closed.leadId, to: "closed", reason: "chose_other_care" });
    const ids = await queueIds();
    expect(ids).not.toContain(booked.leadId);
    expect(ids).not.toContain(closed.leadId);
  });

  it("managers and admins read it; coordinators and clinicians do not; nobody without a session", async () => {
    expect((await manager.scheduling.queue()).total).toBeGreaterThan(0);
    expect((await (await h.as("admin")).scheduling.queue()).total).toBeGreaterThan(0);
    expect(await codeOf(coordinator.scheduling.queue())).toBe("FORBIDDEN");
    expect(await codeOf(clinician.scheduling.queue())).toBe("FORBIDDEN");
    expect(await codeOf(h.anonymous().caller.scheduling.queue())).toBe("UNAUTHORIZED");
    expect(await codeOf(scheduler.scheduling.queue({ perPage: 500 }))).toBe("BAD_REQUEST");
  });
});

describe("the pre-treatment checklist", () => {
  it("starts open, and a scheduler records requested then done with dates", async () => {
    const { leadId } = await handedOff();
    const empty = await scheduler.checklist.byLead({ leadId });
    expect(empty).toMatchObject({ complete: false, open: ["physical_exam", "lab_tests", "psych_eval"] });
    expect(empty.items.map((i) => [i.item, i.status])).toEqual([
      ["physical_exam", "open"],
      ["lab_tests", "open"],
      ["psych_eval", "open"],
    ]);
    await scheduler.checklist.update({ leadId, item: "lab_tests", status: "requested", on: "2026-11-20" });
    const done = await scheduler.checklist.update({ leadId, item: "lab_tests", status: "done", on: "2026-11-24" });
    expect(done.items.find((i) => i.item === "lab_tests")).toMatchObject({ status: "done", requestedOn: "2026-11-20", doneOn: "2026-11-24" });
    expect(done.open).toEqual(["physical_exam", "psych_eval"]);
  });

  it("refuses a date after today at the clinic, and a date that is not one", async () => {
    const { leadId } = await handedOff();
    // 2026-11-26 05:00 UTC is still the 25th in Los Angeles.
    h.clock.now = new Date("2026-11-26T05:00:00Z");
    await signInAll();
    expect(await codeOf(scheduler.checklist.update({ leadId, item: "physical_exam", status: "done", on: "2026-11-26" }))).toBe("BAD_REQUEST");
    await scheduler.checklist.update({ leadId, item: "physical_exam", status: "done", on: "2026-11-25" });
    expect(await codeOf(scheduler.checklist.update({ leadId, item: "physical_exam", status: "done", on: "2026-13-01" }))).toBe("BAD_REQUEST");
  });

  it("only a clinician who sees the patient waives an item, with a note a scheduler does not read", async () => {
    const { leadId } = await handedOff();
    expect(await codeOf(scheduler.checklist.waive({ leadId, item: "psych_eval", note: "not needed" }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.checklist.waive({ leadId, item: "psych_eval", note: "not needed" }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.checklist.waive({ leadId, item: "psych_eval", note: "not needed" }))).toBe("FORBIDDEN");
    // Not yet booked with this clinician nor handed to them.
    expect(await codeOf(clinician.checklist.waive({ leadId, item: "psych_eval", note: "Seen by psychiatry in October" }))).toBe("FORBIDDEN");
    await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-02T17:00:00Z"), clinicianId: clinicianId() });
    expect(await codeOf(clinician.checklist.waive({ leadId, item: "psych_eval", note: "" }))).toBe("BAD_REQUEST");
    const waived = await clinician.checklist.waive({ leadId, item: "psych_eval", note: "Seen by psychiatry in October" });
    expect(waived.items.find((i) => i.item === "psych_eval")).toMatchObject({
      status: "waived",
      waivedBy: "Test clinician",
      waivedNote: "Seen by psychiatry in October",
    });

    const forScheduler = (await scheduler.checklist.byLead({ leadId })).items.find((i) => i.item === "psych_eval");
    expect(forScheduler).toMatchObject({ status: "waived", waivedBy: "Test clinician", waivedNote: null });
    expect((await manager.checklist.byLead({ leadId })).items.find((i) => i.item === "psych_eval")?.waivedNote).toBe("Seen by psychiatry in October");
    // A waiver stands: the scheduler does not overwrite it, and it is not waived twice.
    expect(await codeOf(scheduler.checklist.update({ leadId, item: "psych_eval", status: "requested", on: "2026-11-25" }))).toBe("CONFLICT");
    expect(await codeOf(clinician.checklist.waive({ leadId, item: "psych_eval", note: "again" }))).toBe("CONFLICT");
    await scheduler.checklist.update({ leadId, item: "lab_tests", status: "done", on: "2026-11-25" });
    expect(await codeOf(clinician.checklist.waive({ leadId, item: "lab_tests", note: "already done" }))).toBe("CONFLICT");
  });

  it("is closed to leads not handed to scheduling and to closed leads", async () => {
    const leadId = await screened(eligibleAnswers(), "Not Handed");
    expect(await codeOf(scheduler.checklist.byLead({ leadId }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.checklist.update({ leadId, item: "lab_tests", status: "requested", on: "2026-11-25" }))).toBe("FORBIDDEN");
    const closed = await handedOff();
    await coordinator.lead.transition({ id: closed.leadId, to: "closed", reason: "not_interested" });
    expect(await codeOf(scheduler.checklist.update({ leadId: closed.leadId, item: "lab_tests", status: "requested", on: "2026-11-25" }))).toBe("BAD_REQUEST");
  });
});

describe("the treatment course", () => {
  async function consultedWithChecklistDone() {
    const { leadId } = await handedOff();
    h.forceStatus(leadId, "consulted");
    for (const item of ["physical_exam", "lab_tests", "psych_eval"] as const) {
      await scheduler.checklist.update({ leadId, item, status: "done", on: "2026-11-25" });
    }
    return leadId;
  }

  it("starts only for a consulted lead", async () => {
    const { leadId } = await handedOff();
    const error = await errorOf(scheduler.course.start({ leadId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Only a lead who has had the consult can start treatment; this one is handed_off.");
  });

  it("refuses to start with the checklist open, listing what is open", async () => {
    const { leadId } = await handedOff();
    h.forceStatus(leadId, "consulted");
    await scheduler.checklist.update({ leadId, item: "physical_exam", status: "requested", on: "2026-11-25" });
    await scheduler.checklist.update({ leadId, item: "lab_tests", status: "done", on: "2026-11-25" });
    const error = await errorOf(scheduler.course.start({ leadId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "The pre-treatment checklist is not complete. Still open: Physical exam (requested), psychiatric evaluation (not requested). Each item must be done or waived by a clinician.",
    );
    expect(await scheduler.course.byLead({ leadId })).toBeNull();
  });

  it("counts sessions up to the planned number and not past it", async () => {
    const leadId = await consultedWithChecklistDone();
    const course = await scheduler.course.start({ leadId, plannedSessions: 2 });
    expect(course).toMatchObject({ plannedSessions: 2, attendedSessions: 0 });
    expect(await codeOf(scheduler.course.start({ leadId }))).toBe("CONFLICT");
    await scheduler.course.recordSession({ leadId });
    expect(await scheduler.course.recordSession({ leadId })).toMatchObject({ attendedSessions: 2, remainingSessions: 0, lastSessionAt: h.clock.now });
    const full = await errorOf(scheduler.course.recordSession({ leadId }));
    expect(full.code).toBe("BAD_REQUEST");
    expect(full.message).toBe("All 2 planned sessions are already recorded.");
    expect((await manager.course.byLead({ leadId }))?.attendedSessions).toBe(2);
    expect(await codeOf(scheduler.course.start({ leadId: (await handedOff()).leadId, plannedSessions: 0 }))).toBe("BAD_REQUEST");
  });

  it("records a session only once a course has started", async () => {
    const { leadId } = await handedOff();
    expect(await codeOf(scheduler.course.recordSession({ leadId }))).toBe("BAD_REQUEST");
  });
});

describe("who may", () => {
  type Caller = Awaited<ReturnType<Harness["as"]>>;
  const ALL: Role[] = ["coordinator", "scheduler", "clinician", "manager", "admin"];
  let leadId: number;
  beforeAll(async () => {
    leadId = (await handedOff()).leadId;
  });

  const procedures: [string, Role[], (c: Caller) => Promise<unknown>][] = [
    ["scheduling.queue", ["scheduler", "manager", "admin"], (c) => c.scheduling.queue()],
    ["checklist.byLead", ["scheduler", "clinician", "manager", "admin"], (c) => c.checklist.byLead({ leadId })],
    ["checklist.update", ["scheduler"], (c) => c.checklist.update({ leadId, item: "lab_tests", status: "requested", on: "2026-11-25" })],
    ["checklist.waive", ["clinician"], (c) => c.checklist.waive({ leadId, item: "lab_tests", note: "not needed" })],
    ["course.start", ["scheduler"], (c) => c.course.start({ leadId })],
    ["course.recordSession", ["scheduler"], (c) => c.course.recordSession({ leadId })],
    ["course.byLead", ["scheduler", "clinician", "manager", "admin"], (c) => c.course.byLead({ leadId })],
  ];

  it.each(procedures.flatMap(([name, allowed, call]) => ALL.filter((r) => !allowed.includes(r)).map((role) => [name, role, call] as const)))(
    "%s is refused to a %s",
    async (_name, role, call) => {
      expect(await codeOf(call(await h.as(role)))).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.map(([name, , call]) => [name, call] as const))("%s is refused without a session", async (_name, call) => {
    expect(await codeOf(call(h.anonymous().caller))).toBe("UNAUTHORIZED");
  });

  it("a clinician reads the checklist and course only of their own patients", async () => {
    expect(await codeOf(clinician.checklist.byLead({ leadId }))).toBe("FORBIDDEN");
    expect(await codeOf(clinician.course.byLead({ leadId }))).toBe("FORBIDDEN");
  });

  it("unknown leads are refused like leads not theirs (no existence oracle)", async () => {
    expect(await codeOf(scheduler.checklist.byLead({ leadId: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.checklist.update({ leadId: 999999, item: "lab_tests", status: "done", on: "2026-11-25" }))).toBe("FORBIDDEN");
    expect(await codeOf(clinician.checklist.waive({ leadId: 999999, item: "lab_tests", note: "not needed" }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.course.start({ leadId: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.course.recordSession({ leadId: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.course.byLead({ leadId: 999999 }))).toBe("FORBIDDEN");
  });
});

describe("scheduling.lead", () => {
  it("gives the scheduler contact, result, flags, payment, preferences and the note — never the answers", async () => {
    await signInAll();
    const { leadId } = await handedOff("Lead Page Test");
    const view = await scheduler.scheduling.lead({ leadId });
    expect(view).toMatchObject({ id: leadId, status: "handed_off", result: "eligible", flags: [], payment: "insurance", voicemailOk: true, textOk: false });
    expect(view.handoff?.situation).toBeTruthy();
    expect(Object.keys(view)).not.toContain("answers");
    expect(JSON.stringify(view)).not.toContain("lower back");
  });

  it("refuses a scheduler a lead not handed to scheduling, and a coordinator always", async () => {
    await signInAll();
    const { lead } = await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: "(530) 555-0144",
      startedAt: h.clock.now,
      durationSeconds: 60,
      outcome: "connected",
    });
    expect(await codeOf(scheduler.scheduling.lead({ leadId: lead!.id }))).toBe("FORBIDDEN");
    expect(await codeOf(coordinator.scheduling.lead({ leadId: lead!.id }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.scheduling.lead({ leadId: 999999 }))).toBe("FORBIDDEN");
  });
});

describe("scheduling.queue search and filter", () => {
  it("finds leads by name or phone, and only today's handoffs (clinic time) when asked, counted the same way", async () => {
    const yesterday = await handedOff("Yesterdays Handoff");
    const phone = `(707) 555-${String(phoneSeq - 1).padStart(4, "0")}`;
    h.clock.advanceMinutes(24 * 60);
    await signInAll();
    const today = await handedOff("Todays Handoff");
    const byName = await scheduler.scheduling.queue({ search: "yesterdays", perPage: 200 });
    expect(byName.items.map((i) => i.leadId)).toEqual([yesterday.leadId]);
    expect(byName.total).toBe(1);
    for (const written of [phone, phone.replace(/\D/g, "").slice(-4), phone.replace(/\D/g, "").slice(-7)]) {
      expect((await scheduler.scheduling.queue({ search: written, perPage: 200 })).items.map((i) => i.leadId)).toEqual([yesterday.leadId]);
    }
    const todays = await scheduler.scheduling.queue({ handedOffToday: true, perPage: 200 });
    expect(todays.items.map((i) => i.leadId)).toContain(today.leadId);
    expect(todays.items.map((i) => i.leadId)).not.toContain(yesterday.leadId);
    expect(todays.total).toBe(todays.items.length);
    expect((await scheduler.scheduling.queue({ handedOffToday: true, search: "yesterdays" })).total).toBe(0);
    expect((await errorOf(scheduler.scheduling.queue({ search: "x".repeat(101) }))).message).toMatch(/at most 100 characters/);
  });
});

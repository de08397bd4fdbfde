import { existsSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { schema } from "@intake/db";
import { showRate, type Role } from "@intake/domain";
import type { IntakeEvent } from "../events.ts";
import { eligibleAnswers } from "../testing/answers.ts";
import { codeOf, createHarness, errorOf, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let scheduler: Awaited<ReturnType<Harness["as"]>>;
let clinician: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;
const seen: IntakeEvent[] = [];
let phoneSeq = 100;

/** Moving the test clock past the idle timeout ends sessions, so sign everyone in again after a jump. */
async function signInAll() {
  [coordinator, scheduler, clinician, manager] = await Promise.all([h.as("coordinator"), h.as("scheduler"), h.as("clinician"), h.as("manager")]);
}

async function advanceHours(hours: number) {
  h.clock.advanceMinutes(hours * 60);
  await signInAll();
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

const sbar = { situation: "Chronic low back pain, 2.5 years", background: "PT and NSAIDs, partial relief", recommendation: "Book a consult" };
const hoursFromNow = (hours: number) => new Date(h.clock.now.getTime() + hours * 3600_000);
const clinicianId = () => h.userId("clinician");

/** A lead brought to handed_off through the real flow: call, screen, hand to scheduling. */
async function handedOff(name = "Booking Test") {
  const { lead } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: `(510) 555-${String(phoneSeq++).padStart(4, "0")}`,
    startedAt: h.clock.now,
    durationSeconds: 600,
    outcome: "connected",
    callerName: name,
  });
  const started = await coordinator.screening.start({ leadId: lead!.id });
  await coordinator.screening.save({ id: started.id, answers: eligibleAnswers() });
  await coordinator.screening.complete({ id: started.id });
  await coordinator.handoff.create({ leadId: lead!.id, to: "scheduling", ...sbar });
  return lead!.id;
}

const statusOf = async (leadId: number) => (await coordinator.lead.byId({ id: leadId })).status;

describe("a lead from the scheduling queue to treatment", () => {
  it("books a consult (scheduled), the patient attends (consulted), the checklist completes and the course starts (in_treatment)", async () => {
    const leadId = await handedOff();
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(2), clinicianId: clinicianId() });
    expect(consult).toMatchObject({ kind: "consult", status: "booked", clinicianId: clinicianId(), sequence: 0 });
    expect(consult.endsAt.getTime() - consult.startsAt.getTime()).toBe(60 * 60_000);
    expect(seen.at(-1)).toEqual({ kind: "appointment.booked", appointmentId: consult.id, leadId, clinicianId: clinicianId() });
    expect(await statusOf(leadId)).toBe("scheduled");

    // Not before it has happened.
    expect(await codeOf(clinician.appointment.recordOutcome({ id: consult.id, outcome: "attended" }))).toBe("BAD_REQUEST");
    await advanceHours(3);
    const attended = await clinician.appointment.recordOutcome({ id: consult.id, outcome: "attended" });
    expect(attended).toMatchObject({ status: "attended", outcomeById: clinicianId() });
    expect(await statusOf(leadId)).toBe("consulted");

    const open = await errorOf(scheduler.course.start({ leadId }));
    expect(open.code).toBe("BAD_REQUEST");
    expect(open.message).toContain("Still open: Physical exam (not requested), lab tests (not requested), psychiatric evaluation (not requested).");

    const today = "2026-11-25";
    await scheduler.checklist.update({ leadId, item: "physical_exam", status: "requested", on: today });
    await scheduler.checklist.update({ leadId, item: "physical_exam", status: "done", on: today });
    await scheduler.checklist.update({ leadId, item: "lab_tests", status: "done", on: today });
    expect((await errorOf(scheduler.course.start({ leadId }))).message).toContain("Still open: Psychiatric evaluation (not requested).");
    await clinician.checklist.waive({ leadId, item: "psych_eval", note: "Evaluated by her psychiatrist last month; letter on file" });

    const course = await scheduler.course.start({ leadId });
    expect(course).toMatchObject({ leadId, plannedSessions: 30, attendedSessions: 0, remainingSessions: 30 });
    expect(await statusOf(leadId)).toBe("in_treatment");
    await scheduler.course.recordSession({ leadId });
    expect(await scheduler.course.recordSession({ leadId })).toMatchObject({ attendedSessions: 2, remainingSessions: 28 });

    const events = (await coordinator.lead.byId({ id: leadId })).events;
    expect(events.slice(-4).map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      ["eligible", "handed_off", "Test coordinator"],
      ["handed_off", "scheduled", "Test scheduler"],
      ["scheduled", "consulted", "Test clinician"],
      ["consulted", "in_treatment", "Test scheduler"],
    ]);
  });

  it("a coordinator can no longer make the scheduling moves by hand", async () => {
    const leadId = await handedOff();
    const error = await errorOf(coordinator.lead.transition({ id: leadId, to: "scheduled" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("A lead moves from handed_off to scheduled only through booking a consult.");
  });

  it("mapping and treatment sessions need a lead who has had the consult, and default to their own lengths", async () => {
    const leadId = await handedOff();
    expect(await codeOf(scheduler.appointment.book({ leadId, kind: "mapping", startsAt: hoursFromNow(30), clinicianId: clinicianId() }))).toBe("BAD_REQUEST");
    h.forceStatus(leadId, "consulted");
    const mapping = await scheduler.appointment.book({ leadId, kind: "mapping", startsAt: hoursFromNow(30), clinicianId: clinicianId() });
    expect(mapping.endsAt.getTime() - mapping.startsAt.getTime()).toBe(60 * 60_000);
    const treatment = await scheduler.appointment.book({ leadId, kind: "treatment", startsAt: hoursFromNow(54), clinicianId: clinicianId() });
    expect(treatment.endsAt.getTime() - treatment.startsAt.getTime()).toBe(40 * 60_000);
    const short = await scheduler.appointment.book({ leadId, kind: "treatment", startsAt: hoursFromNow(78), clinicianId: clinicianId(), durationMinutes: 30 });
    expect(short.endsAt.getTime() - short.startsAt.getTime()).toBe(30 * 60_000);
    // A lead past the consult is not booked a second one.
    expect(await codeOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(100), clinicianId: clinicianId() }))).toBe("BAD_REQUEST");
    expect(await statusOf(leadId)).toBe("consulted");
  });
});

describe("booking refusals", () => {
  it("refuses to book a closed lead", async () => {
    const leadId = await handedOff();
    await coordinator.lead.transition({ id: leadId, to: "closed", reason: "cost" });
    const error = await errorOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(24), clinicianId: clinicianId() }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/closed/);
  });

  it("refuses a start more than two years ahead of the clock, on the field", async () => {
    const leadId = await handedOff();
    const error = await errorOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(24 * 740), clinicianId: clinicianId() }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Choose a time at most two years ahead");
    expect((error.cause as ZodError).issues).toMatchObject([{ path: ["startsAt"], message: "Choose a time at most two years ahead" }]);
    expect((await scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(24 * 700), clinicianId: clinicianId() })).status).toBe("booked");
  });

  it("never double-books a clinician: overlaps are refused naming the clinic time, back-to-back is fine", async () => {
    const first = await handedOff("Alice Private");
    const second = await handedOff("Bob Private");
    const third = await handedOff("Cleo Private");
    // Tue Dec 1, 9:00–10:00 AM in Los Angeles.
    await scheduler.appointment.book({ leadId: first, kind: "consult", startsAt: new Date("2026-12-01T17:00:00Z"), clinicianId: clinicianId() });

    const overlap = await errorOf(
      scheduler.appointment.book({ leadId: second, kind: "consult", startsAt: new Date("2026-12-01T17:30:00Z"), clinicianId: clinicianId() }),
    );
    expect(overlap.code).toBe("CONFLICT");
    expect(overlap.message).toBe("Test clinician is already booked Dec 1, 2026, 9:00 AM to 10:00 AM (clinic time). Choose another time or clinician.");
    expect(overlap.message).not.toContain("Alice");
    expect(
      await codeOf(scheduler.appointment.book({ leadId: second, kind: "consult", startsAt: new Date("2026-12-01T16:30:00Z"), clinicianId: clinicianId() })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(
        scheduler.appointment.book({
          leadId: second,
          kind: "consult",
          startsAt: new Date("2026-12-01T16:00:00Z"),
          clinicianId: clinicianId(),
          durationMinutes: 180,
        }),
      ),
    ).toBe("CONFLICT");
    expect(await statusOf(second)).toBe("handed_off");

    const after = await scheduler.appointment.book({ leadId: second, kind: "consult", startsAt: new Date("2026-12-01T18:00:00Z"), clinicianId: clinicianId() });
    const before = await scheduler.appointment.book({ leadId: third, kind: "consult", startsAt: new Date("2026-12-01T16:00:00Z"), clinicianId: clinicianId() });
    expect([after.status, before.status]).toEqual(["booked", "booked"]);
  });

  it("a lead has one consult booked at a time, and a cancelled slot is free again", async () => {
    const leadId = await handedOff();
    const other = await handedOff();
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-02T17:00:00Z"), clinicianId: clinicianId() });
    expect(await codeOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-03T17:00:00Z"), clinicianId: clinicianId() }))).toBe(
      "CONFLICT",
    );
    await scheduler.appointment.cancel({ id: consult.id, reason: "Patient has a family event" });
    const taken = await scheduler.appointment.book({ leadId: other, kind: "consult", startsAt: new Date("2026-12-02T17:00:00Z"), clinicianId: clinicianId() });
    expect(taken.status).toBe("booked");
  });

  it("refuses a time in the past, someone who is not a clinician, and a lead not yet handed to scheduling", async () => {
    const leadId = await handedOff();
    expect(await codeOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(-1), clinicianId: clinicianId() }))).toBe("BAD_REQUEST");
    expect(await codeOf(scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(24), clinicianId: h.userId("scheduler") }))).toBe(
      "BAD_REQUEST",
    );
    const { lead } = await coordinator["call.log"]({
      direction: "inbound",
      otherNumber: "(510) 555-0999",
      startedAt: h.clock.now,
      durationSeconds: 60,
      outcome: "connected",
    });
    expect(await codeOf(scheduler.appointment.book({ leadId: lead!.id, kind: "consult", startsAt: hoursFromNow(24), clinicianId: clinicianId() }))).toBe(
      "FORBIDDEN",
    );
  });

  it("rejects malformed input field by field without echoing it", async () => {
    const error = await errorOf(
      scheduler.appointment.book({
        leadId: 1,
        // @ts-expect-error a kind the API does not know
        kind: "Jane Roe surgery",
        startsAt: new Date("not a date"),
        clinicianId: clinicianId(),
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(ZodError);
    const issues = (error.cause as ZodError).issues;
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["kind", "startsAt"]));
    expect(JSON.stringify(issues.map((i) => i.message))).not.toContain("Jane");
    const noReason = await errorOf(scheduler.appointment.cancel({ id: 1, reason: " " }));
    expect(noReason.code).toBe("BAD_REQUEST");
    expect((noReason.cause as ZodError).issues.map((i) => i.path.join("."))).toEqual(["reason"]);
  });
});

describe("reschedule", () => {
  it("moves the consult, records who, when and why on the appointment and the lead, and bumps the calendar sequence", async () => {
    const leadId = await handedOff();
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-04T17:00:00Z"), clinicianId: clinicianId() });
    // Half an hour later overlaps only its own old slot, which is fine.
    const moved = await scheduler.appointment.reschedule({
      id: consult.id,
      startsAt: new Date("2026-12-04T17:30:00Z"),
      reason: "Patient's ride arrives later",
    });
    expect(moved).toMatchObject({
      id: consult.id,
      status: "booked",
      sequence: 1,
      startsAt: new Date("2026-12-04T17:30:00Z"),
      endsAt: new Date("2026-12-04T18:30:00Z"),
    });
    expect(seen.at(-1)).toMatchObject({ kind: "appointment.rescheduled", appointmentId: consult.id });

    const [appt] = await scheduler.appointment.byLead({ leadId });
    expect(appt?.history.map((e) => [e.change, e.fromStartsAt, e.toStartsAt, e.reason, e.actor])).toEqual([
      ["booked", null, new Date("2026-12-04T17:00:00Z"), null, "Test scheduler"],
      ["rescheduled", new Date("2026-12-04T17:00:00Z"), new Date("2026-12-04T17:30:00Z"), "Patient's ride arrives later", "Test scheduler"],
    ]);
    const last = (await coordinator.lead.byId({ id: leadId })).events.at(-1);
    expect(last).toMatchObject({ fromStatus: "scheduled", toStatus: "scheduled", reason: "Patient's ride arrives later", actor: "Test scheduler" });
    expect(await statusOf(leadId)).toBe("scheduled");
  });

  it("refuses a clash, the same time, a missing reason, and a cancelled appointment", async () => {
    const a = await handedOff();
    const b = await handedOff();
    await scheduler.appointment.book({ leadId: a, kind: "consult", startsAt: new Date("2026-12-07T17:00:00Z"), clinicianId: clinicianId() });
    const bc = await scheduler.appointment.book({ leadId: b, kind: "consult", startsAt: new Date("2026-12-07T19:00:00Z"), clinicianId: clinicianId() });
    expect(await codeOf(scheduler.appointment.reschedule({ id: bc.id, startsAt: new Date("2026-12-07T17:15:00Z"), reason: "earlier please" }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(scheduler.appointment.reschedule({ id: bc.id, startsAt: new Date("2026-12-07T19:00:00Z"), reason: "same" }))).toBe("BAD_REQUEST");
    expect(await codeOf(scheduler.appointment.reschedule({ id: bc.id, startsAt: new Date("2026-12-07T21:00:00Z"), reason: "" }))).toBe("BAD_REQUEST");
    await scheduler.appointment.cancel({ id: bc.id, reason: "Patient unwell" });
    expect(await codeOf(scheduler.appointment.reschedule({ id: bc.id, startsAt: new Date("2026-12-07T21:00:00Z"), reason: "feeling better" }))).toBe(
      "CONFLICT",
    );
  });

  it("can move the consult to another clinician", async () => {
    const other = h.db
      .insert(schema.user)
      .values({ email: "second-clinician@iris.test", name: "Second clinician", role: "clinician", passwordHash: "unused" })
      .returning()
      .get();
    const leadId = await handedOff();
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-08T17:00:00Z"), clinicianId: clinicianId() });
    const moved = await scheduler.appointment.reschedule({
      id: consult.id,
      startsAt: new Date("2026-12-08T17:00:00Z"),
      clinicianId: other.id,
      reason: "Dr. on leave",
    });
    expect(moved.clinicianId).toBe(other.id);
    expect((await scheduler.appointment.clinicians()).map((c) => c.name)).toEqual(["Second clinician", "Test clinician"]);
    // The first clinician no longer has this consult to record.
    await advanceHours(24 * 14);
    expect(await codeOf(clinician.appointment.recordOutcome({ id: consult.id, outcome: "attended" }))).toBe("FORBIDDEN");
  });
});

describe("cancellations and no-shows", () => {
  it("a cancelled consult leaves the lead scheduled, back in the queue, and booking again is allowed", async () => {
    const leadId = await handedOff();
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(26), clinicianId: clinicianId() });
    expect((await scheduler.scheduling.queue({ perPage: 200 })).items.map((i) => i.leadId)).not.toContain(leadId);
    const cancelled = await scheduler.appointment.cancel({ id: consult.id, reason: "Patient asked to wait until January" });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Patient asked to wait until January" });
    expect(await statusOf(leadId)).toBe("scheduled");
    expect((await scheduler.scheduling.queue({ perPage: 200 })).items.find((i) => i.leadId === leadId)).toMatchObject({
      leadStatus: "scheduled",
      needs: "rebooking",
      lastConsultStatus: "cancelled",
    });
    expect(await codeOf(scheduler.appointment.cancel({ id: consult.id, reason: "again" }))).toBe("CONFLICT");

    await scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(50), clinicianId: clinicianId() });
    const last = (await coordinator.lead.byId({ id: leadId })).events.at(-1);
    expect(last).toMatchObject({ fromStatus: "scheduled", toStatus: "scheduled", reason: "Consult booked again after a cancellation" });
    expect((await scheduler.scheduling.queue({ perPage: 200 })).items.map((i) => i.leadId)).not.toContain(leadId);
  });

  it("a no-show keeps the lead scheduled and in the queue, and counts against the show rate", async () => {
    const shows = await handedOff();
    const misses = await handedOff();
    const a = await scheduler.appointment.book({ leadId: shows, kind: "consult", startsAt: hoursFromNow(1), clinicianId: clinicianId() });
    const b = await scheduler.appointment.book({ leadId: misses, kind: "consult", startsAt: hoursFromNow(2), clinicianId: clinicianId() });
    await advanceHours(3);
    await scheduler.appointment.recordOutcome({ id: a.id, outcome: "attended" });
    const noShow = await scheduler.appointment.recordOutcome({ id: b.id, outcome: "no_show" });
    expect(noShow).toMatchObject({ status: "no_show", outcomeById: h.userId("scheduler"), outcomeAt: h.clock.now });
    expect(await statusOf(misses)).toBe("scheduled");
    expect(await statusOf(shows)).toBe("consulted");
    expect((await scheduler.scheduling.queue({ perPage: 200 })).items.find((i) => i.leadId === misses)).toMatchObject({
      needs: "rebooking",
      lastConsultStatus: "no_show",
    });
    expect(await codeOf(scheduler.appointment.recordOutcome({ id: b.id, outcome: "attended" }))).toBe("CONFLICT");
    expect((await scheduler.appointment.byLead({ leadId: misses }))[0]?.history.map((e) => e.change)).toEqual(["booked", "no_show"]);

    const consults = h.db.select().from(schema.appointment).where(eq(schema.appointment.kind, "consult")).all();
    const attended = consults.filter((c) => c.status === "attended").length;
    const missed = consults.filter((c) => c.status === "no_show").length;
    expect(missed).toBeGreaterThanOrEqual(1);
    expect(showRate(attended, missed)).toBe(attended / (attended + missed));

    await scheduler.appointment.book({ leadId: misses, kind: "consult", startsAt: hoursFromNow(20), clinicianId: clinicianId() });
    expect((await coordinator.lead.byId({ id: misses })).events.at(-1)?.reason).toBe("Consult booked again after a no-show");
  });
});

describe("appointment.ics", () => {
  it("is an RFC 5545 calendar with the consult in UTC and no patient data", async () => {
    const leadId = await handedOff("Ivy Calendar");
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-30T18:30:00Z"), clinicianId: clinicianId() });
    const { filename, content } = await scheduler.appointment.ics({ id: consult.id });
    expect(filename).toBe("tms-consultation-2026-12-30.ics");
    expect(content.split("\r\n").slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(content.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const fields = new Map(
      content
        .replace(/\r\n[ \t]/g, "")
        .split("\r\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1)] as const)
        .filter(([name]) => name !== "BEGIN" && name !== "END"),
    );
    expect(Object.fromEntries(fields)).toMatchObject({
      UID: `appointment-${consult.id}@iris-intake`,
      DTSTART: "20261230T183000Z",
      DTEND: "20261230T193000Z",
      DTSTAMP: expect.stringMatching(/^\d{8}T\d{6}Z$/),
      SUMMARY: "TMS consultation",
      LOCATION: expect.stringContaining("Iris TMS Clinic"),
    });
    expect(content).not.toMatch(/Ivy|Calendar Test|\+1510/);
    expect(content).toMatch(/\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n$/);

    await scheduler.appointment.cancel({ id: consult.id, reason: "Moving out of state" });
    expect(await codeOf(scheduler.appointment.ics({ id: consult.id }))).toBe("BAD_REQUEST");
  });
});

describe("busy times, lists and reading", () => {
  it("shows a clinician's booked intervals and nothing else", async () => {
    const busy = await scheduler.appointment.busy({ clinicianId: clinicianId(), from: new Date("2026-12-01T08:00:00Z"), to: new Date("2026-12-02T08:00:00Z") });
    expect(busy).toEqual([
      { startsAt: new Date("2026-12-01T16:00:00Z"), endsAt: new Date("2026-12-01T17:00:00Z") },
      { startsAt: new Date("2026-12-01T17:00:00Z"), endsAt: new Date("2026-12-01T18:00:00Z") },
      { startsAt: new Date("2026-12-01T18:00:00Z"), endsAt: new Date("2026-12-01T19:00:00Z") },
    ]);
    // The cancelled consult of Dec 2 is not busy; its replacement is.
    const dec2 = await scheduler.appointment.busy({ clinicianId: clinicianId(), from: new Date("2026-12-02T08:00:00Z"), to: new Date("2026-12-03T08:00:00Z") });
    expect(dec2).toHaveLength(1);
    expect(await codeOf(scheduler.appointment.busy({ clinicianId: h.userId("scheduler"), from: new Date("2026-12-01"), to: new Date("2026-12-02") }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(scheduler.appointment.busy({ clinicianId: clinicianId(), from: new Date("2026-12-02"), to: new Date("2026-12-01") }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("lists appointments in a window; clinicians read only their own", async () => {
    const window = { from: new Date("2026-12-01T08:00:00Z"), to: new Date("2026-12-02T08:00:00Z") };
    const list = await scheduler.appointment.list({ ...window, page: 1, perPage: 2 });
    expect(list.total).toBe(3);
    expect(list.items.map((i) => i.startsAt)).toEqual([new Date("2026-12-01T16:00:00Z"), new Date("2026-12-01T17:00:00Z")]);
    expect((await clinician.appointment.list({ ...window, page: 1, perPage: 25 })).total).toBe(3);
    expect(await codeOf(clinician.appointment.list({ ...window, page: 1, perPage: 25, clinicianId: clinicianId() + 1000 }))).toBe("FORBIDDEN");
    expect((await manager.appointment.list({ ...window, page: 1, perPage: 25 })).total).toBe(3);
  });

  it("a clinician reads the appointments of their own patients only", async () => {
    const leadId = await handedOff();
    expect(await codeOf(clinician.appointment.byLead({ leadId }))).toBe("FORBIDDEN");
    await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-12T17:00:00Z"), clinicianId: clinicianId() });
    expect(await clinician.appointment.byLead({ leadId })).toHaveLength(1);
    expect(await manager.appointment.byLead({ leadId })).toHaveLength(1);
  });
});

describe("who may", () => {
  type Caller = Awaited<ReturnType<Harness["as"]>>;
  const ALL: Role[] = ["coordinator", "scheduler", "clinician", "manager", "admin"];
  let leadId: number;
  let apptId: number;
  beforeAll(async () => {
    leadId = await handedOff();
    apptId = (await scheduler.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-10T17:00:00Z"), clinicianId: clinicianId() })).id;
  });

  const procedures: [string, Role[], (c: Caller) => Promise<unknown>][] = [
    ["book", ["scheduler"], (c) => c.appointment.book({ leadId, kind: "consult", startsAt: new Date("2026-12-11T17:00:00Z"), clinicianId: clinicianId() })],
    ["reschedule", ["scheduler"], (c) => c.appointment.reschedule({ id: apptId, startsAt: new Date("2026-12-11T17:00:00Z"), reason: "moved" })],
    ["cancel", ["scheduler"], (c) => c.appointment.cancel({ id: apptId, reason: "cancelled" })],
    ["recordOutcome", ["scheduler", "clinician"], (c) => c.appointment.recordOutcome({ id: apptId, outcome: "attended" })],
    [
      "busy",
      ["scheduler", "clinician", "manager", "admin"],
      (c) => c.appointment.busy({ clinicianId: clinicianId(), from: new Date("2026-12-10"), to: new Date("2026-12-11") }),
    ],
    ["byLead", ["scheduler", "clinician", "manager", "admin"], (c) => c.appointment.byLead({ leadId })],
    [
      "list",
      ["scheduler", "clinician", "manager", "admin"],
      (c) => c.appointment.list({ from: new Date("2026-12-10"), to: new Date("2026-12-11"), page: 1, perPage: 5 }),
    ],
    ["ics", ["scheduler", "clinician", "manager", "admin"], (c) => c.appointment.ics({ id: apptId })],
    ["clinicians", ["scheduler", "clinician", "manager", "admin"], (c) => c.appointment.clinicians()],
  ];

  it.each(procedures.flatMap(([name, allowed, call]) => ALL.filter((r) => !allowed.includes(r)).map((role) => [name, role, call] as const)))(
    "appointment.%s is refused to a %s",
    async (_name, role, call) => {
      expect(await codeOf(call(await h.as(role)))).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.map(([name, , call]) => [name, call] as const))("appointment.%s is refused without a session", async (_name, call) => {
    expect(await codeOf(call(h.anonymous().caller))).toBe("UNAUTHORIZED");
  });

  it("unknown ids are refused to a scheduler like records not theirs (no existence oracle); managers hear NOT_FOUND", async () => {
    expect(await codeOf(scheduler.appointment.book({ leadId: 999999, kind: "consult", startsAt: hoursFromNow(24), clinicianId: clinicianId() }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(scheduler.appointment.reschedule({ id: 999999, startsAt: hoursFromNow(24), reason: "moved" }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.appointment.cancel({ id: 999999, reason: "cancelled" }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.appointment.recordOutcome({ id: 999999, outcome: "no_show" }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.appointment.ics({ id: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(scheduler.appointment.byLead({ leadId: 999999 }))).toBe("FORBIDDEN");
    expect(await codeOf(manager.appointment.ics({ id: 999999 }))).toBe("NOT_FOUND");
    expect(await codeOf(manager.appointment.byLead({ leadId: 999999 }))).toBe("NOT_FOUND");
  });

  it("managers read but do not write", async () => {
    expect(await manager.appointment.byLead({ leadId })).toHaveLength(1);
    expect((await manager.appointment.ics({ id: apptId })).content).toContain("BEGIN:VEVENT");
    expect(await codeOf(manager.appointment.cancel({ id: apptId, reason: "testing" }))).toBe("FORBIDDEN");
  });
});

describe("at rest", () => {
  it("stores a cancel reason and a lead's email encrypted, and finds the lead by its email through a blind index", async () => {
    const leadId = await handedOff("Rest Test");
    const consult = await scheduler.appointment.book({ leadId, kind: "consult", startsAt: hoursFromNow(24 * 9 + 1), clinicianId: clinicianId() });
    const reason = "Moving to Fresno next month";
    const email = "Rest.Tester@Example.org";
    expect((await scheduler.appointment.cancel({ id: consult.id, reason })).cancelReason).toBe(reason);
    expect((await coordinator.lead.update({ id: leadId, email })).email).toBe(email);

    // Any case, spaces around: the same address finds the lead; part of it finds no one.
    const found = await coordinator.lead.list({ search: `  ${email.toUpperCase()} ` });
    expect(found.items.map((l) => l.id)).toEqual([leadId]);
    expect((await coordinator.lead.list({ search: "@example.org" })).items).toEqual([]);

    // The file itself (and its write-ahead log) holds neither in clear.
    const path = h.db.$client.name;
    // SQL straight to SQLite: what is stored, not what the encrypted columns hand back.
    const stored = h.db.$client
      .prepare("select l.email, l.email_index as emailIndex, a.cancel_reason as cancelReason from lead l join appointment a on a.lead_id = l.id where a.id = ?")
      .get(consult.id) as Record<string, string>;
    expect(stored.email).toMatch(/^enc1:/);
    expect(stored.cancelReason).toMatch(/^enc1:/);
    expect(stored.emailIndex).not.toContain("rest");
    const bytes = Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)])
      .toString("latin1")
      .toLowerCase();
    expect(bytes).not.toContain("rest.tester@example.org");
    expect(bytes).not.toContain("moving to fresno");
  });
});

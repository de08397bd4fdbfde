import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { FUNNEL_STAGES, MEASURE, type Role } from "@intake/domain";
import { eligibleAnswers } from "../testing/answers.ts";
import { codeOf, createHarness, TEST_PASSWORD, type Harness } from "../testing/harness.ts";
import { hashPassword } from "../services/password.ts";
import { syncFunnel } from "../services/funnel.ts";

type Caller = Awaited<ReturnType<Harness["as"]>>;

let h: Harness;
/** 10:00 AM, Wed Nov 25 2026, Los Angeles: minute 0 of the story below. */
const T0 = Date.parse("2026-11-25T18:00:00Z");
const min = (m: number) => new Date(T0 + m * 60_000);
let googleLine: number;
let listedLine: number;
let coordinator2: number;

// Callers per role, signed in again whenever the story's clock has moved past the idle timeout.
const callers = new Map<string, { caller: Caller; at: number }>();
async function as(who: Role | "coordinator2"): Promise<Caller> {
  const seen = callers.get(who);
  if (seen && h.clock.now.getTime() - seen.at < 10 * 60_000) {
    seen.at = h.clock.now.getTime();
    return seen.caller;
  }
  let caller: Caller;
  if (who === "coordinator2") {
    caller = h.anonymous().caller;
    await caller.auth.signIn({ email: "coordinator2@iris.test", password: TEST_PASSWORD });
  } else caller = await h.as(who);
  callers.set(who, { caller, at: h.clock.now.getTime() });
  return caller;
}
const at = (m: number) => void (h.clock.now = min(m));

const numbers: Record<string, string> = {
  A: "(213) 555-0101",
  B: "(213) 555-0102",
  C: "(213) 555-0103",
  D: "(213) 555-0104",
  E: "(213) 555-0105",
  F: "(213) 555-0106",
  G: "(213) 555-0107",
  H: "(213) 555-0108",
};
const leadIds: Record<string, number> = {};

async function log(
  who: "coordinator" | "coordinator2",
  lead: string,
  call: { direction: "inbound" | "outbound"; outcome: "connected" | "missed" | "voicemail"; startedAt: number; lineId?: number },
) {
  const { lead: row } = await (
    await as(who)
  )["call.log"]({
    direction: call.direction,
    otherNumber: numbers[lead]!,
    startedAt: min(call.startedAt),
    durationSeconds: 120,
    outcome: call.outcome,
    callerName: `Patient ${lead}`,
    ...(call.lineId ? { lineId: call.lineId } : {}),
  });
  leadIds[lead] ??= row!.id;
}

async function screen(
  who: "coordinator" | "coordinator2",
  lead: string,
  startAt: number,
  completeAt: number,
  change: (a: ReturnType<typeof eligibleAnswers>) => void = () => {},
) {
  at(startAt);
  const started = await (await as(who)).screening.start({ leadId: leadIds[lead]! });
  at(completeAt);
  const answers = eligibleAnswers();
  change(answers);
  await (await as(who)).screening.save({ id: started.id, answers });
  await (await as(who)).screening.complete({ id: started.id });
}

const sbar = { situation: "Chronic low back pain", background: "PT, partial relief", recommendation: "Book a consult" };

/**
 * Eight callers, every step through the API with the clock moved between steps (minutes from T0):
 * A  Google line, answered live at 0; screened 60, eligible 70, handed off 90, booked 1560, attended 4400, treatment 5000.
 * B  missed call started 25 (logged 30); called back 72 (logged 75); screened 100, flagged 110; cleared 1500,
 *    handed off 1520, called in again 1530 (connected), booked 1560, no-show, closed for cost 4700.
 * C  (coordinator 2) voicemail started 178 (logged 180); called back 240 (voicemail); closed unreachable 300.
 * D  (coordinator 2) Google line, answered live (started 350, logged 360); screened 380, not a candidate 390.
 * E  missed call at 420; never contacted.
 * H  missed call started 465 (logged 470); called back 478 (logged 480); screened 500, eligible 510, handed off 540,
 *    booked 1560, attended 4620.
 * F  (coordinator 2) answered live at 23:30 clinic time (started 805, logged 810): still Nov 25.
 * G  answered live at 00:10 on Nov 26 (850): the next day's cohort.
 */
async function story() {
  at(0);
  await log("coordinator", "A", { direction: "inbound", outcome: "connected", startedAt: 0, lineId: googleLine });
  at(30);
  await log("coordinator", "B", { direction: "inbound", outcome: "missed", startedAt: 25 });
  await screen("coordinator", "A", 60, 70);
  at(75);
  await log("coordinator", "B", { direction: "outbound", outcome: "connected", startedAt: 72 });
  at(90);
  await (await as("coordinator")).handoff.create({ leadId: leadIds.A!, to: "scheduling", ...sbar });
  await screen("coordinator", "B", 100, 110, (a) => void (a.safety.severeHeadaches = true));
  await (await as("coordinator")).handoff.create({ leadId: leadIds.B!, to: "clinical_pool", ...sbar });
  at(180);
  await log("coordinator2", "C", { direction: "inbound", outcome: "voicemail", startedAt: 178 });
  at(240);
  await log("coordinator2", "C", { direction: "outbound", outcome: "voicemail", startedAt: 240 });
  at(300);
  await (await as("coordinator2")).lead.transition({ id: leadIds.C!, to: "closed", reason: "unreachable" });
  at(360);
  await log("coordinator2", "D", { direction: "inbound", outcome: "connected", startedAt: 350, lineId: googleLine });
  await screen("coordinator2", "D", 380, 390, (a) => void (a.safety.headImplants = ["shunt"]));
  at(420);
  await log("coordinator", "E", { direction: "inbound", outcome: "missed", startedAt: 420 });
  at(470);
  await log("coordinator", "H", { direction: "inbound", outcome: "missed", startedAt: 465 });
  at(480);
  await log("coordinator", "H", { direction: "outbound", outcome: "connected", startedAt: 478 });
  await screen("coordinator", "H", 500, 510);
  at(540);
  await (await as("coordinator")).handoff.create({ leadId: leadIds.H!, to: "scheduling", ...sbar });
  at(810);
  await log("coordinator2", "F", { direction: "inbound", outcome: "connected", startedAt: 805 });
  at(850);
  await log("coordinator", "G", { direction: "inbound", outcome: "connected", startedAt: 848 });

  at(1500);
  await (await as("clinician")).clinician.review({ leadId: leadIds.B!, decision: "clear", note: "Headaches are occasional; cleared" });
  at(1520);
  await (await as("coordinator")).handoff.create({ leadId: leadIds.B!, to: "scheduling", ...sbar });
  at(1530);
  await log("coordinator", "B", { direction: "inbound", outcome: "connected", startedAt: 1530 });
  at(1560);
  const clinicianId = h.userId("clinician");
  const scheduler = await as("scheduler");
  const consultA = await scheduler.appointment.book({ leadId: leadIds.A!, kind: "consult", startsAt: min(4320), clinicianId });
  const consultB = await scheduler.appointment.book({ leadId: leadIds.B!, kind: "consult", startsAt: min(4440), clinicianId });
  const consultH = await scheduler.appointment.book({ leadId: leadIds.H!, kind: "consult", startsAt: min(4560), clinicianId });
  // A's caller replied C to the text reminder (services/reminders.ts writes the same column).
  h.db.$client.prepare("update appointment set confirmed_at = ? where id = ?").run(min(4200).getTime(), consultA.id);
  at(4400);
  await (await as("clinician")).appointment.recordOutcome({ id: consultA.id, outcome: "attended" });
  at(4500);
  await (await as("clinician")).appointment.recordOutcome({ id: consultB.id, outcome: "no_show" });
  at(4620);
  await (await as("clinician")).appointment.recordOutcome({ id: consultH.id, outcome: "attended" });
  at(4700);
  await (await as("coordinator")).lead.transition({ id: leadIds.B!, to: "closed", reason: "cost" });
  at(5000);
  const today = "2026-11-28";
  for (const item of ["physical_exam", "lab_tests", "psych_eval"] as const) {
    await (await as("scheduler")).checklist.update({ leadId: leadIds.A!, item, status: "done", on: today });
  }
  await (await as("scheduler")).course.start({ leadId: leadIds.A! });
}

beforeAll(async () => {
  h = await createHarness();
  listedLine = h.db.select().from(schema.line).get()!.id;
  googleLine = h.db.insert(schema.line).values({ number: "+18185550199", label: "Google Ads line", source: "Google Ads" }).returning().get().id;
  coordinator2 = h.db
    .insert(schema.user)
    .values({ email: "coordinator2@iris.test", name: "Second Coordinator", role: "coordinator", passwordHash: await hashPassword(TEST_PASSWORD) })
    .returning()
    .get().id;
  await story();
}, 60_000);
afterAll(() => h.close());

const NOV25 = { from: "2026-11-25", to: "2026-11-26" };

describe("funnel.get", () => {
  it("gives every figure of a known cohort exactly", async () => {
    const funnel = await (await as("manager")).funnel.get(NOV25);
    expect(funnel.stages).toEqual([
      { stage: "inquiry", count: 7, fromPrevious: null, fromInquiry: null, medianHoursFromInquiry: 0 },
      // Minutes from creation: A 0, B 45, C 60, D 0, F 0, H 10 → median 5 min.
      { stage: "contacted", count: 6, fromPrevious: 0.857, fromInquiry: 0.857, medianHoursFromInquiry: 0.1 },
      // A 60, B 70, D 20, H 30 → 45 min (needs_review counts as screened).
      { stage: "screened", count: 4, fromPrevious: 0.667, fromInquiry: 0.571, medianHoursFromInquiry: 0.8 },
      // A 70, B 1470 (cleared next day), H 40 → 70 min.
      { stage: "eligible", count: 3, fromPrevious: 0.75, fromInquiry: 0.429, medianHoursFromInquiry: 1.2 },
      // A 90, B 1490, H 70 → 90 min.
      { stage: "handed_off", count: 3, fromPrevious: 1, fromInquiry: 0.429, medianHoursFromInquiry: 1.5 },
      // A 1560, B 1530, H 1090 → 1530 min; B keeps it though now closed.
      { stage: "scheduled", count: 3, fromPrevious: 1, fromInquiry: 0.429, medianHoursFromInquiry: 25.5 },
      // A 4400, H 4150 → 4275 min.
      { stage: "consulted", count: 2, fromPrevious: 0.667, fromInquiry: 0.286, medianHoursFromInquiry: 71.3 },
      { stage: "in_treatment", count: 1, fromPrevious: 0.5, fromInquiry: 0.143, medianHoursFromInquiry: 83.3 },
    ]);
    expect(funnel.closedReasons).toEqual([
      { reason: "unreachable", count: 1 },
      { reason: "not_interested", count: 0 },
      { reason: "cost", count: 1 },
      { reason: "chose_other_care", count: 0 },
      { reason: "not_candidate", count: 1 },
      { reason: "duplicate", count: 0 },
      { reason: "other", count: 0 },
    ]);
    // From the first inbound call's start to the first attempt: A 0, B 47, C 62, D 0, F 0, H 13; E never contacted.
    expect(funnel.speedToLead).toEqual({ medianMinutes: 6.5, p90Minutes: 62 });
    // Inbound calls: A 1, B 2 (one connected), C 1, D 1, E 1, F 1, H 1; connected A, B, D, F.
    expect(funnel.calls).toEqual({ inbound: 8, connected: 4 });
    expect(funnel.answerRate).toBe(0.5);
    expect(funnel.consults).toEqual({ attended: 2, noShow: 1, confirmedAttended: 1, confirmedNoShow: 0 });
    expect(funnel.showRate).toBe(0.667);
    // Confirmed by text: A came. Unconfirmed: H came, B did not.
    expect(funnel.showRateByConfirmation).toEqual({ confirmed: 1, unconfirmed: 0.5 });
  });

  it("takes cohorts by clinic calendar day: 23:30 on Nov 25 in Los Angeles is Nov 25, 00:10 is Nov 26", async () => {
    const manager = await as("manager");
    const nov26 = await manager.funnel.get({ from: "2026-11-26", to: "2026-11-27" });
    expect(nov26.stages[0]!.count).toBe(1);
    expect((await manager.funnel.get({ from: "2026-11-24", to: "2026-11-27" })).stages[0]!.count).toBe(8);
    const late = await manager.funnel.leads({ ...NOV25, stage: "inquiry", page: 1, perPage: 1 });
    expect(late.items[0]).toMatchObject({ id: leadIds.F, name: "Patient F" });
    expect(late.items[0]!.createdAt.toISOString()).toBe("2026-11-26T07:30:00.000Z");
  });

  it("filters the cohort by source, line and coordinator", async () => {
    const manager = await as("manager");
    const google = await manager.funnel.get({ ...NOV25, source: "Google Ads" });
    expect(google.stages.map((s) => s.count)).toEqual([2, 2, 2, 1, 1, 1, 1, 1]);
    expect(google.closedReasons.find((r) => r.reason === "not_candidate")!.count).toBe(1);
    expect(await manager.funnel.get({ ...NOV25, lineId: googleLine })).toEqual(google);
    const listed = await manager.funnel.get({ ...NOV25, lineId: listedLine });
    expect(listed.stages.map((s) => s.count)).toEqual([5, 4, 2, 2, 2, 2, 1, 0]);
    // Coordinator 2 made the first contact with C, D and F.
    const second = await manager.funnel.get({ ...NOV25, coordinatorId: coordinator2 });
    expect(second.stages.map((s) => s.count)).toEqual([3, 3, 1, 0, 0, 0, 0, 0]);
    expect(second.speedToLead).toEqual({ medianMinutes: 0, p90Minutes: 62 });
    expect(second.calls).toEqual({ inbound: 3, connected: 2 });
    expect(second.showRate).toBeNull();
    const both = await manager.funnel.get({ ...NOV25, source: "Google Ads", coordinatorId: coordinator2 });
    expect(both.stages.map((s) => s.count)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect((await manager.funnel.get({ ...NOV25, source: "Radio" })).stages[0]).toEqual({
      stage: "inquiry",
      count: 0,
      fromPrevious: null,
      fromInquiry: null,
      medianHoursFromInquiry: null,
    });
  });

  it("rejects a range that ends before it starts or is not a date", async () => {
    const manager = await as("manager");
    expect(await codeOf(manager.funnel.get({ from: "2026-11-26", to: "2026-11-25" }))).toBe("BAD_REQUEST");
    expect(await codeOf(manager.funnel.get({ from: "2026-02-30", to: "2026-03-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(manager.funnel.get({ from: "2020-01-01", to: "2026-01-01" }))).toBe("BAD_REQUEST");
  });
});

describe("who may read the funnel", () => {
  it("managers and admins read figures and the names behind a bar; the desk's other roles read neither", async () => {
    for (const role of ["coordinator", "scheduler", "clinician"] as const) {
      const caller = await as(role);
      expect(await codeOf(caller.funnel.get(NOV25))).toBe("FORBIDDEN");
      expect(await codeOf(caller.report.bySource(NOV25))).toBe("FORBIDDEN");
      expect(await codeOf(caller.funnel.leads({ ...NOV25, stage: "inquiry" }))).toBe("FORBIDDEN");
    }
    expect((await (await as("admin")).funnel.get(NOV25)).stages[0]!.count).toBe(7);
    expect((await (await as("admin")).funnel.leads({ ...NOV25, stage: "inquiry" })).total).toBe(7);
    expect(await codeOf(h.anonymous().caller.funnel.get(NOV25))).toBe("UNAUTHORIZED");
  });
});

describe("reports", () => {
  it("puts each coordinator's, source's and line's figures side by side, adding up to the whole", async () => {
    const manager = await as("manager");
    const whole = await manager.funnel.get(NOV25);
    const byCoordinator = await manager.report.byCoordinator(NOV25);
    expect(byCoordinator.total).toEqual(whole);
    expect(byCoordinator.groups.map((g) => [g.name, g.funnel.stages[0]!.count, g.funnel.stages[7]!.count])).toEqual([
      ["Test coordinator", 4, 1],
      ["Second Coordinator", 3, 0],
    ]);
    // The coordinator who first reached the lead owns its speed to lead: A 0, B 47, H 13.
    expect(byCoordinator.groups[0]!.funnel.speedToLead).toEqual({ medianMinutes: 13, p90Minutes: 47 });
    expect(byCoordinator.groups[1]!.funnel).toEqual(await manager.funnel.get({ ...NOV25, coordinatorId: coordinator2 }));

    const bySource = await manager.report.bySource(NOV25);
    expect(bySource.groups.map((g) => [g.source, g.funnel.stages.map((s) => s.count)])).toEqual([
      ["Website / listed number", [5, 4, 2, 2, 2, 2, 1, 0]],
      ["Google Ads", [2, 2, 2, 1, 1, 1, 1, 1]],
    ]);
    const byLine = await manager.report.byLine({ ...NOV25, coordinatorId: coordinator2 });
    expect(byLine.groups.map((g) => [g.label, g.funnel.stages[0]!.count])).toEqual([
      ["Main line", 2],
      ["Google Ads line", 1],
    ]);
    for (let k = 0; k < FUNNEL_STAGES.length; k++) {
      expect(bySource.groups.reduce((s, g) => s + g.funnel.stages[k]!.count, 0)).toBe(whole.stages[k]!.count);
    }
  });
});

describe("funnel.leads", () => {
  it("names the leads behind a stage or a closed reason, newest first, with when they reached it", async () => {
    const manager = await as("manager");
    const scheduled = await manager.funnel.leads({ ...NOV25, stage: "scheduled" });
    expect(scheduled.total).toBe(3);
    expect(scheduled.items.map((i) => [i.name, i.status, i.reachedAt.getTime()])).toEqual([
      ["Patient H", "consulted", min(1560).getTime()],
      ["Patient B", "closed", min(1560).getTime()],
      ["Patient A", "in_treatment", min(1560).getTime()],
    ]);
    expect(scheduled.items[1]!.closedReason).toBe("cost");
    const lostAfterScreening = await manager.funnel.leads({ ...NOV25, stage: "screened", closedReason: "not_candidate" });
    expect(lostAfterScreening).toMatchObject({ total: 1, items: [{ name: "Patient D" }] });
    const unreachable = await manager.funnel.leads({ ...NOV25, stage: "inquiry", closedReason: "unreachable", coordinatorId: coordinator2 });
    expect(unreachable).toMatchObject({ total: 1, items: [{ name: "Patient C" }] });
    const page2 = await manager.funnel.leads({ ...NOV25, stage: "inquiry", page: 2, perPage: 5 });
    expect(page2.total).toBe(7);
    expect(page2.items.map((i) => i.name)).toEqual(["Patient B", "Patient A"]);
  });
});

describe("keeping the funnel's rows current", () => {
  it("rows kept up write by write equal rows rebuilt from the whole history", () => {
    const sqlite = h.db.$client;
    syncFunnel(h.db);
    const snapshot = () => sqlite.prepare("select * from funnel_measure order by id").all();
    const kept = snapshot();
    expect(kept.length).toBeGreaterThan(40);
    sqlite.exec("delete from funnel_measure; insert into funnel_dirty (lead_id) select id from lead;");
    expect(syncFunnel(h.db)).toBe(8);
    expect(snapshot()).toEqual(kept);
    expect(sqlite.prepare("select count(*) from funnel_dirty").pluck().get()).toBe(0);
  });

  it("marks a lead for every write that changes its figures, whoever makes it", () => {
    const sqlite = h.db.$client;
    syncFunnel(h.db);
    const dirty = () => sqlite.prepare("select lead_id from funnel_dirty order by lead_id").pluck().all();
    sqlite.prepare("update lead set source = 'Radio' where id = ?").run(leadIds.E);
    sqlite.prepare("update lead set updated_at = 1 where id = ?").run(leadIds.A);
    expect(dirty()).toEqual([leadIds.E]);
    sqlite.prepare("update call set outcome = 'connected' where lead_id = ? and direction = 'inbound'").run(leadIds.E);
    sqlite.prepare("update appointment set status = 'no_show' where lead_id = ?").run(leadIds.H);
    expect(dirty()).toEqual([leadIds.E, leadIds.H].sort((a, b) => a! - b!));
    syncFunnel(h.db);
    sqlite.prepare("update appointment set confirmed_at = null where lead_id = ?").run(leadIds.A);
    expect(dirty()).toEqual([leadIds.A]);
    syncFunnel(h.db);
    expect(dirty()).toEqual([]);
  });

  it("adds a known caller's next call to the weight of the count's row, which keeps its place, and to the rollup", async () => {
    const sqlite = h.db.$client;
    const dec2 = { from: "2026-12-02", to: "2026-12-03" };
    const inboundRow = () => sqlite.prepare("select bucket, value, weight from funnel_measure where id = ?").get(leadIds.J! * 16 + MEASURE.inboundCalls);
    numbers.J = "(213) 555-0110";
    at(10_080); // 10:00 AM on Dec 2
    await log("coordinator", "J", { direction: "inbound", outcome: "missed", startedAt: 10_075 });
    expect((await (await as("manager")).funnel.get(dec2)).calls).toEqual({ inbound: 1, connected: 0 });
    expect(inboundRow()).toEqual({ bucket: 0, value: 0, weight: 1 });

    at(10_100);
    await log("coordinator", "J", { direction: "inbound", outcome: "connected", startedAt: 10_095 });
    // Unfiltered, the figures come from the rollup; by coordinator, from the rows' weights.
    const manager = await as("manager");
    expect((await manager.funnel.get(dec2)).calls).toEqual({ inbound: 2, connected: 1 });
    expect((await manager.funnel.get({ ...dec2, coordinatorId: h.userId("coordinator") })).calls).toEqual({ inbound: 2, connected: 1 });
    expect(inboundRow()).toEqual({ bucket: 0, value: 0, weight: 2 });
  });
});

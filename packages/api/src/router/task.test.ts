import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@intake/db";
import { dueLabel, type Role } from "@intake/domain";
import type { IntakeEvent } from "../events.ts";
import { getWorkQueue } from "../services/workqueue.ts";
import { eligibleAnswers } from "../testing/answers.ts";
import { codeOf, createHarness, type Harness } from "../testing/harness.ts";

let h: Harness;
let coordinator: Awaited<ReturnType<Harness["as"]>>;
let manager: Awaited<ReturnType<Harness["as"]>>;
let otherCoordinatorId: number;
const seen: IntakeEvent[] = [];
let phoneSeq = 100;

/** Moving the test clock past the idle timeout ends sessions, so sign everyone in again after a jump. */
async function signInAll() {
  [coordinator, manager] = await Promise.all([h.as("coordinator"), h.as("manager")]);
}

beforeAll(async () => {
  h = await createHarness();
  await signInAll();
  otherCoordinatorId = h.db
    .insert(schema.user)
    .values({ email: "second-coordinator@iris.test", name: "Second coordinator", role: "coordinator", passwordHash: "unused" })
    .returning()
    .get().id;
  const ac = new AbortController();
  void (async () => {
    for await (const e of h.events.stream(ac.signal)) seen.push(e);
  })().catch(() => undefined);
  afterAll(() => ac.abort());
});
afterAll(() => h.close());

const nextPhone = () => `(213) 555-${String(phoneSeq++).padStart(4, "0")}`;
const minutesFromNow = (m: number) => new Date(h.clock.now.getTime() + m * 60_000);

async function call(input: Partial<Parameters<(typeof coordinator)["call.log"]>[0]> & { otherNumber: string }) {
  return coordinator["call.log"]({ direction: "inbound", startedAt: h.clock.now, durationSeconds: 0, outcome: "missed", ...input });
}

async function contactedLead(name = "Task Test") {
  const { lead } = await call({ otherNumber: nextPhone(), outcome: "connected", durationSeconds: 300, callerName: name });
  return lead!.id;
}

const tasksOf = (leadId: number) => h.db.select().from(schema.task).where(eq(schema.task.leadId, leadId)).all();

describe("a callback from a missed or abandoned call", () => {
  it("a missed call from an unknown number starts a lead with an open callback due 15 minutes after the call", async () => {
    const startedAt = minutesFromNow(-3);
    const { call: logged, lead, callbackTaskId } = await call({ otherNumber: nextPhone(), startedAt });
    expect(lead?.status).toBe("new");
    const [task] = tasksOf(lead!.id);
    expect(task).toMatchObject({
      id: callbackTaskId,
      kind: "callback",
      status: "open",
      dueAt: new Date(startedAt.getTime() + 15 * 60_000),
      ownerId: null,
      callId: logged.id,
      createdById: h.userId("coordinator"),
    });
    // Ids only on the bus.
    expect(seen.slice(-2)).toEqual([
      { kind: "lead.created", leadId: lead!.id },
      { kind: "task.created", taskId: task!.id, leadId: lead!.id, ownerId: null },
    ]);
  });

  it("an abandoned call from a lead's number creates a callback too; from an unknown number it creates nothing", async () => {
    const leadId = await contactedLead();
    const { phone } = await coordinator.lead.byId({ id: leadId });
    const { callbackTaskId } = await call({ otherNumber: phone, outcome: "abandoned", durationSeconds: 4 });
    expect(tasksOf(leadId)).toEqual([expect.objectContaining({ id: callbackTaskId, kind: "callback", status: "open" })]);

    const before = h.db.select().from(schema.task).all().length;
    const unknown = await call({ otherNumber: nextPhone(), outcome: "abandoned", durationSeconds: 4 });
    expect(unknown).toMatchObject({ lead: null, callbackTaskId: null });
    expect(h.db.select().from(schema.task).all()).toHaveLength(before);
  });

  it("a second missed call does not add a second open callback; once it is done, the next one does", async () => {
    const number = nextPhone();
    const first = await call({ otherNumber: number });
    const again = await call({ otherNumber: number, startedAt: minutesFromNow(1) });
    expect(again.callbackTaskId).toBeNull();
    expect(tasksOf(first.lead!.id)).toHaveLength(1);
    await coordinator.task.complete({ id: first.callbackTaskId!, note: "Left a voicemail" });
    const third = await call({ otherNumber: number, startedAt: minutesFromNow(2) });
    expect(third.callbackTaskId).not.toBeNull();
    expect(tasksOf(first.lead!.id).map((t) => t.status)).toEqual(["done", "open"]);
  });

  it("answered, outbound and voicemail calls create no callback", async () => {
    const leadId = await contactedLead();
    const { phone } = await coordinator.lead.byId({ id: leadId });
    await call({ otherNumber: phone, outcome: "connected", durationSeconds: 100 });
    await call({ otherNumber: phone, direction: "outbound", outcome: "missed" });
    await call({ otherNumber: phone, outcome: "voicemail", durationSeconds: 40 });
    expect(tasksOf(leadId)).toEqual([]);
  });
});

describe("task.create, task.list, task.complete", () => {
  it("plans tasks for me, for a colleague or for the desk, and lists open ones due first", async () => {
    const leadId = await contactedLead("Listing Lead");
    const later = await coordinator.task.create({ leadId, kind: "follow_up", dueAt: minutesFromNow(120), ownerId: h.userId("coordinator") });
    const sooner = await coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(30) });
    const colleague = await coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(60), ownerId: otherCoordinatorId });
    expect(seen.at(-1)).toEqual({ kind: "task.created", taskId: colleague.id, leadId, ownerId: otherCoordinatorId });

    const all = await coordinator.task.list({ leadId });
    expect(all.items.map((t) => t.id)).toEqual([sooner.id, colleague.id, later.id]);
    expect(all.items[0]).toMatchObject({ leadName: "Listing Lead", kind: "callback", ownerId: null, ownerName: null, overdue: false });
    expect(all.items[1]).toMatchObject({ ownerName: "Second coordinator" });
    const mine = await coordinator.task.list({ leadId, mine: true });
    expect(mine.items.map((t) => t.id)).toEqual([later.id]);

    const done = await coordinator.task.complete({ id: sooner.id, note: "Booked a screening call" });
    expect(done).toMatchObject({ status: "done", note: "Booked a screening call", completedById: h.userId("coordinator"), completedAt: h.clock.now });
    expect(seen.at(-1)).toEqual({ kind: "task.completed", taskId: sooner.id, leadId, ownerId: null });
    expect((await coordinator.task.list({ leadId })).items.map((t) => t.id)).toEqual([colleague.id, later.id]);
    expect(await codeOf(coordinator.task.complete({ id: sooner.id }))).toBe("CONFLICT");
    // The desk covers: a coordinator may complete a colleague's task, and who did it is kept.
    expect((await coordinator.task.complete({ id: colleague.id })).completedById).toBe(h.userId("coordinator"));
  });

  it("refuses an owner who is not a coordinator, a due time more than a year ahead, and an unknown lead or task", async () => {
    const leadId = await contactedLead();
    expect(await codeOf(coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(10), ownerId: h.userId("scheduler") }))).toBe("BAD_REQUEST");
    expect(await codeOf(coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(400 * 24 * 60) }))).toBe("BAD_REQUEST");
    // @ts-expect-error a kind the API does not know
    expect(await codeOf(coordinator.task.create({ leadId, kind: "lunch", dueAt: minutesFromNow(10) }))).toBe("BAD_REQUEST");
    expect(await codeOf(coordinator.task.create({ leadId: 999999, kind: "callback", dueAt: minutesFromNow(10) }))).toBe("NOT_FOUND");
    expect(await codeOf(coordinator.task.complete({ id: 999999 }))).toBe("NOT_FOUND");
  });
});

describe("overdue across midnight and time zones", () => {
  it("a callback due at 12:00 AM in Los Angeles is overdue by 5 minutes at 12:05 AM, whatever the UTC date", async () => {
    // 11:45 PM on Wed Nov 25 in Los Angeles is 07:45 UTC on Thu Nov 26.
    h.clock.now = new Date("2026-11-26T07:50:00Z");
    await signInAll();
    const { lead, callbackTaskId } = await call({ otherNumber: nextPhone(), startedAt: new Date("2026-11-26T07:45:00Z") });
    const [task] = (await coordinator.task.list({ leadId: lead!.id })).items;
    expect(task).toMatchObject({ id: callbackTaskId, dueAt: new Date("2026-11-26T08:00:00Z"), overdue: false });
    expect(dueLabel(task!.dueAt, h.clock.now)).toBe("Due tomorrow 12:00 AM");
    expect((await coordinator.task.list({ overdue: true, perPage: 200 })).items.map((t) => t.id)).not.toContain(callbackTaskId);
    // Still new, so the work queue shows the lead once, carrying its callback.
    expect((await coordinator.workQueue.get()).items.filter((i) => i.leadId === lead!.id)).toEqual([
      expect.objectContaining({ kind: "new_lead", taskId: callbackTaskId, dueAt: new Date("2026-11-26T08:00:00Z") }),
    ]);

    h.clock.now = new Date("2026-11-26T08:05:00Z");
    await signInAll();
    const overdue = await coordinator.task.list({ overdue: true, perPage: 200 });
    expect(overdue.items.find((t) => t.id === callbackTaskId)).toMatchObject({ overdue: true });
    expect(dueLabel(new Date("2026-11-26T08:00:00Z"), h.clock.now)).toBe("Overdue by 5 min");
    expect((await coordinator.workQueue.get()).items.filter((i) => i.leadId === lead!.id)).toEqual([
      expect.objectContaining({ kind: "overdue_callback", taskId: callbackTaskId }),
    ]);
  });
});

describe("workQueue.get", () => {
  it("orders urgent, overdue callbacks, new leads oldest first, half-done screens, then callbacks due today", async () => {
    // A fresh day: Thu Nov 26, 9:00 AM in Los Angeles.
    h.clock.now = new Date("2026-11-26T17:00:00Z");
    await signInAll();

    const answers = eligibleAnswers();
    answers.wellbeing.safetyConcern = true;
    const urgentLead = await contactedLead("Urgent Lead");
    const screen = await coordinator.screening.start({ leadId: urgentLead });
    await coordinator.screening.save({ id: screen.id, answers });
    await coordinator.screening.complete({ id: screen.id });

    const halfDone = await contactedLead("Half Done");
    const draft = await coordinator.screening.start({ leadId: halfDone });
    await coordinator.screening.save({ id: draft.id, answers: { caller: { relation: "self" } } });

    const overdueLead = await contactedLead("Overdue Lead");
    const overdueTask = await coordinator.task.create({ leadId: overdueLead, kind: "callback", dueAt: minutesFromNow(5) });
    const mineLater = await coordinator.task.create({ leadId: overdueLead, kind: "follow_up", dueAt: minutesFromNow(240), ownerId: h.userId("coordinator") });
    const tomorrow = await coordinator.task.create({ leadId: overdueLead, kind: "follow_up", dueAt: minutesFromNow(24 * 60) });
    const notMine = await coordinator.task.create({ leadId: overdueLead, kind: "callback", dueAt: minutesFromNow(6), ownerId: otherCoordinatorId });

    const olderNew = (await call({ otherNumber: nextPhone(), callerName: "Older New", outcome: "voicemail", durationSeconds: 30 })).lead!.id;
    h.clock.advanceMinutes(2);
    const newerNew = (await call({ otherNumber: nextPhone(), callerName: "Newer New", outcome: "voicemail", durationSeconds: 30 })).lead!.id;

    // Twenty minutes on: the callback is overdue and the draft has been left.
    h.clock.advanceMinutes(20);
    await signInAll();
    const mineIds = new Set([urgentLead, halfDone, overdueLead, olderNew, newerNew]);
    const queue = await coordinator.workQueue.get();
    expect(queue.generatedAt).toEqual(h.clock.now);
    const items = queue.items.filter((i) => mineIds.has(i.leadId));
    expect(items.map((i) => [i.kind, i.leadId, i.taskId ?? i.screeningId ?? null])).toEqual([
      ["urgent", urgentLead, null],
      ["overdue_callback", overdueLead, overdueTask.id],
      ["new_lead", olderNew, null],
      ["new_lead", newerNew, null],
      ["screen_in_progress", halfDone, draft.id],
      ["callback", overdueLead, mineLater.id],
    ]);
    expect(items.map((i) => i.taskId)).not.toContain(notMine.id);
    expect(items.map((i) => i.taskId)).not.toContain(tomorrow.id);
    // The same prepared statements for the colleague: their task is in their queue, this coordinator's is not.
    const colleague = { id: otherCoordinatorId, email: "second-coordinator@iris.test", name: "Second coordinator", role: "coordinator" } as const;
    const theirs = getWorkQueue(h.db, colleague, h.clock.now).items.map((i) => i.taskId);
    expect(theirs).toContain(notMine.id);
    expect(theirs).not.toContain(mineLater.id);
    expect(items.find((i) => i.leadId === olderNew)).toMatchObject({ leadName: "Older New", since: new Date("2026-11-26T17:00:00Z") });
    // The whole queue keeps the same order across every lead in it.
    const kinds = queue.items.map((i) => i.kind);
    const rank = ["urgent", "overdue_callback", "new_lead", "ready_to_hand_off", "screen_in_progress", "callback"];
    expect(kinds.map((k) => rank.indexOf(k))).toEqual([...kinds.map((k) => rank.indexOf(k))].sort((a, b) => a - b));

    // Clearing the urgent lead takes it off the urgent list and makes it ready to hand off;
    // completing the callback takes that off.
    await (await h.as("clinician")).clinician.review({ leadId: urgentLead, decision: "clear", note: "Spoke with patient; safe, has support" });
    await coordinator.task.complete({ id: overdueTask.id });
    const after = (await coordinator.workQueue.get()).items.filter((i) => mineIds.has(i.leadId)).map((i) => [i.kind, i.leadId]);
    expect(after).toEqual([
      ["new_lead", olderNew],
      ["new_lead", newerNew],
      ["ready_to_hand_off", urgentLead],
      ["screen_in_progress", halfDone],
      ["callback", overdueLead],
    ]);
  });

  it("an urgent lead's clock starts at its alert, not at the last call that touched the lead", async () => {
    h.clock.advanceMinutes(60);
    await signInAll();
    const answers = eligibleAnswers();
    answers.wellbeing.safetyConcern = true;
    const leadId = await contactedLead("Urgent Since");
    const screen = await coordinator.screening.start({ leadId });
    await coordinator.screening.save({ id: screen.id, answers });
    const alertedAt = h.clock.now;
    const { lead } = await coordinator.screening.complete({ id: screen.id });
    h.clock.advanceMinutes(10);
    await call({ otherNumber: lead.phone, outcome: "connected", durationSeconds: 60 });
    expect((await coordinator.workQueue.get()).items.filter((i) => i.leadId === leadId)).toEqual([
      { kind: "urgent", leadId, leadName: "Urgent Since", since: alertedAt },
    ]);
  });

  it.each<Role>(["scheduler", "clinician", "manager", "admin"])("is refused to a %s", async (role) => {
    expect(await codeOf((await h.as(role)).workQueue.get())).toBe("FORBIDDEN");
  });
});

describe("workQueue.get: ready to hand off", () => {
  const sbar = {
    situation: "Screened by phone today.",
    background: "Chronic pain for more than three months.",
    recommendation: "Book a consult.",
  };

  async function screened(name: string, change?: (answers: ReturnType<typeof eligibleAnswers>) => void) {
    const leadId = await contactedLead(name);
    const answers = eligibleAnswers(name);
    change?.(answers);
    const started = await coordinator.screening.start({ leadId });
    await coordinator.screening.save({ id: started.id, answers });
    const done = await coordinator.screening.complete({ id: started.id });
    return { leadId, status: done.lead.status, phone: done.lead.phone };
  }

  const ready = async (ids: number[]) => (await coordinator.workQueue.get()).items.filter((i) => i.kind === "ready_to_hand_off" && ids.includes(i.leadId));

  it("lists eligible leads oldest first, by when they became eligible, until they are handed off", async () => {
    h.clock.advanceMinutes(60);
    await signInAll();
    const older = await screened("Eligible Older");
    expect(older.status).toBe("eligible");
    const olderAt = h.clock.now;
    h.clock.advanceMinutes(10);
    const newer = await screened("Eligible Newer");
    const newerAt = h.clock.now;

    // A later call from the older one touches the lead, but their wait counts from the screen.
    h.clock.advanceMinutes(10);
    await call({ otherNumber: older.phone, outcome: "connected", durationSeconds: 120 });
    expect(await ready([older.leadId, newer.leadId])).toEqual([
      { kind: "ready_to_hand_off", leadId: older.leadId, leadName: "Eligible Older", since: olderAt },
      { kind: "ready_to_hand_off", leadId: newer.leadId, leadName: "Eligible Newer", since: newerAt },
    ]);

    // Handed to scheduling, the lead leaves the group; the other stays.
    await coordinator.handoff.create({ leadId: older.leadId, to: "scheduling", ...sbar });
    expect((await ready([older.leadId, newer.leadId])).map((i) => i.leadId)).toEqual([newer.leadId]);
    expect((await coordinator.workQueue.get()).items.filter((i) => i.leadId === older.leadId)).toEqual([]);

    // Closed by hand (the caller chose other care), it leaves too.
    await coordinator.lead.transition({ id: newer.leadId, to: "closed", reason: "chose_other_care" });
    expect(await ready([newer.leadId])).toEqual([]);
  });

  it("a flagged lead joins the group when a clinician clears it, its wait counted from the clear", async () => {
    h.clock.advanceMinutes(60);
    await signInAll();
    const flagged = await screened("Flagged Then Cleared", (answers) => {
      answers.safety.bodyImplants = ["pacemaker"];
    });
    expect(flagged.status).toBe("needs_review");
    await coordinator.handoff.create({ leadId: flagged.leadId, to: "clinical_pool", ...sbar });
    expect(await ready([flagged.leadId])).toEqual([]);

    h.clock.advanceMinutes(45);
    await signInAll();
    await (await h.as("clinician")).clinician.review({ leadId: flagged.leadId, decision: "clear", note: "Pacemaker is MR-conditional; cardiology agrees" });
    expect(await ready([flagged.leadId])).toEqual([
      { kind: "ready_to_hand_off", leadId: flagged.leadId, leadName: "Flagged Then Cleared", since: h.clock.now },
    ]);
  });

  it("a lead put in eligible with no recorded move waits from its last update", async () => {
    const leadId = await contactedLead("Imported Eligible");
    h.forceStatus(leadId, "eligible");
    const updatedAt = h.db.select({ at: schema.lead.updatedAt }).from(schema.lead).where(eq(schema.lead.id, leadId)).get()!.at;
    expect(await ready([leadId])).toEqual([{ kind: "ready_to_hand_off", leadId, leadName: "Imported Eligible", since: updatedAt }]);
  });
});

describe("workQueue.onChange", () => {
  async function subscribe(role: Exclude<Role, "admin">) {
    const { caller, stop } = await h.live(role);
    const stream = await caller.workQueue.onChange();
    return { iterator: stream[Symbol.asyncIterator](), stop };
  }

  it("says ready, then passes on only what touches this coordinator's queue", async () => {
    await signInAll();
    const leadId = await contactedLead();
    const listeners = h.events.listenerCount();
    const { iterator, stop } = await subscribe("coordinator");
    try {
      expect((await iterator.next()).value).toEqual({ kind: "ready" });
      const next = iterator.next();
      await expect.poll(() => h.events.listenerCount()).toBe(listeners + 1);

      // Not for this queue: a colleague's task, the scheduling side, a non-urgent handoff to a
      // clinician (the lead stays in review) and its acknowledgement.
      await coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(30), ownerId: otherCoordinatorId });
      h.events.emit({ kind: "appointment.booked", appointmentId: 1, leadId, clinicianId: 1 });
      h.events.emit({ kind: "handoff.created", handoffId: 1, leadId, target: "clinician", clinicianId: h.userId("clinician"), urgent: false });
      h.events.emit({ kind: "handoff.acknowledged", handoffId: 1, leadId, target: "scheduling", clinicianId: null, urgent: false });
      const desk = await coordinator.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(30) });
      expect((await next).value).toEqual({ kind: "task.created", taskId: desk.id, leadId, ownerId: null });
      // An urgent alert and a new lead do.
      h.events.emit({ kind: "handoff.created", handoffId: 2, leadId, target: "clinical_pool", clinicianId: null, urgent: true });
      expect((await iterator.next()).value).toMatchObject({ kind: "handoff.created", urgent: true });
      const { lead } = await call({ otherNumber: nextPhone() });
      expect((await iterator.next()).value).toEqual({ kind: "lead.created", leadId: lead!.id });
      expect((await iterator.next()).value).toMatchObject({ kind: "task.created", leadId: lead!.id, ownerId: null });
      // A handoff to scheduling does: its lead leaves "ready to hand off".
      h.events.emit({ kind: "handoff.created", handoffId: 3, leadId, target: "scheduling", clinicianId: null, urgent: false });
      expect((await iterator.next()).value).toMatchObject({ kind: "handoff.created", target: "scheduling", urgent: false });
    } finally {
      stop();
    }
  });

  it("hears a lead become ready to hand off (screened eligible, cleared by a clinician) and leave it (handed off, closed)", async () => {
    await signInAll();
    const clinician = await h.as("clinician");
    const sbar = { situation: "Screened today.", background: "Chronic pain.", recommendation: "Book a consult." };
    const eligibleLead = await contactedLead("Live Eligible");
    const flaggedLead = await contactedLead("Live Flagged");
    const eligibleScreen = await coordinator.screening.start({ leadId: eligibleLead });
    await coordinator.screening.save({ id: eligibleScreen.id, answers: eligibleAnswers() });
    const flagged = eligibleAnswers();
    flagged.safety.seizureHistory = true;
    const flaggedScreen = await coordinator.screening.start({ leadId: flaggedLead });
    await coordinator.screening.save({ id: flaggedScreen.id, answers: flagged });
    await coordinator.screening.complete({ id: flaggedScreen.id });
    await coordinator.handoff.create({ leadId: flaggedLead, to: "clinical_pool", ...sbar });
    // The clinician reads the note first: the review itself then acknowledges nothing.
    const note = (await clinician.handoff.inbox()).unread.find((i) => i.leadId === flaggedLead)!;
    await clinician.handoff.acknowledge({ id: note.id });

    const listeners = h.events.listenerCount();
    const { iterator, stop } = await subscribe("coordinator");
    try {
      expect((await iterator.next()).value).toEqual({ kind: "ready" });
      const next = iterator.next();
      await expect.poll(() => h.events.listenerCount()).toBe(listeners + 1);
      await coordinator.screening.complete({ id: eligibleScreen.id });
      expect((await next).value).toEqual({ kind: "lead.changed", leadId: eligibleLead });
      await clinician.clinician.review({ leadId: flaggedLead, decision: "clear", note: "Single febrile seizure as a child" });
      expect((await iterator.next()).value).toEqual({ kind: "lead.changed", leadId: flaggedLead });
      await coordinator.handoff.create({ leadId: eligibleLead, to: "scheduling", ...sbar });
      expect((await iterator.next()).value).toMatchObject({ kind: "handoff.created", leadId: eligibleLead, target: "scheduling" });
      // Closed by hand (the caller chose other care), the cleared lead leaves too.
      await coordinator.lead.transition({ id: flaggedLead, to: "closed", reason: "chose_other_care" });
      expect((await iterator.next()).value).toEqual({ kind: "lead.changed", leadId: flaggedLead });
    } finally {
      stop();
    }
  });

  it("listens from the moment it is opened: an event before the first read of the stream still arrives after ready", async () => {
    const listeners = h.events.listenerCount();
    const { iterator, stop } = await subscribe("coordinator");
    try {
      // The stream's answer is on its way, nothing has been read from it yet: already listening.
      expect(h.events.listenerCount()).toBe(listeners + 1);
      h.events.emit({ kind: "lead.created", leadId: 1 });
      expect((await iterator.next()).value).toEqual({ kind: "ready" });
      expect((await iterator.next()).value).toEqual({ kind: "lead.created", leadId: 1 });
    } finally {
      stop();
    }
  });

  it("ends with UNAUTHORIZED when the session does", async () => {
    const listeners = h.events.listenerCount();
    const { iterator, stop } = await subscribe("coordinator");
    try {
      await iterator.next();
      const ended = codeOf(iterator.next());
      await expect.poll(() => h.events.listenerCount()).toBe(listeners + 1);
      h.clock.advanceMinutes(16);
      h.events.emit({ kind: "lead.created", leadId: 1 });
      expect(await ended).toBe("UNAUTHORIZED");
    } finally {
      stop();
      await signInAll();
    }
  });

  it("is refused to other roles and without a session", async () => {
    expect(await codeOf(subscribe("scheduler"))).toBe("FORBIDDEN");
    expect(await codeOf(subscribe("manager"))).toBe("FORBIDDEN");
    expect(await codeOf(h.anonymous().caller.workQueue.onChange())).toBe("UNAUTHORIZED");
  });
});

describe("who may", () => {
  type Caller = Awaited<ReturnType<Harness["as"]>>;
  const ALL: Role[] = ["coordinator", "scheduler", "clinician", "manager", "admin"];
  let leadId: number;
  let taskId: number;
  beforeAll(async () => {
    leadId = await contactedLead();
    taskId = (await coordinator.task.create({ leadId, kind: "follow_up", dueAt: minutesFromNow(60) })).id;
  });

  const procedures: [string, Role[], (c: Caller) => Promise<unknown>][] = [
    ["task.create", ["coordinator"], (c) => c.task.create({ leadId, kind: "callback", dueAt: minutesFromNow(60) })],
    ["task.complete", ["coordinator"], (c) => c.task.complete({ id: taskId })],
    ["task.list", ["coordinator", "manager", "admin"], (c) => c.task.list()],
    ["workQueue.get", ["coordinator"], (c) => c.workQueue.get()],
  ];

  it.each(procedures.flatMap(([name, allowed, fn]) => ALL.filter((r) => !allowed.includes(r)).map((role) => [name, role, fn] as const)))(
    "%s is refused to a %s",
    async (_name, role, fn) => {
      expect(await codeOf(fn(await h.as(role)))).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.map(([name, , fn]) => [name, fn] as const))("%s is refused without a session", async (_name, fn) => {
    expect(await codeOf(fn(h.anonymous().caller))).toBe("UNAUTHORIZED");
  });

  it("managers and admins read every open task", async () => {
    expect((await manager.task.list({ leadId })).items.map((t) => t.id)).toEqual([taskId]);
    expect((await (await h.as("admin")).task.list({ perPage: 200 })).total).toBeGreaterThan(0);
  });
});

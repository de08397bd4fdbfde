// Appointments: booking without double-booking, reschedule, cancel, outcomes, the calendar file, and the scheduling queue.
import { alias } from "drizzle-orm/sqlite-core";
import { and, asc, count, desc, eq, gt, inArray, lt, ne, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  DEFAULT_DURATION_MINUTES,
  HOLDS_TIME,
  appointmentIcs,
  icsWordsIn,
  scriptLanguageFor,
  endOf,
  tooFarAheadProblem,
  formatClinicDateTime,
  formatClinicTime,
  type AppointmentBookInput,
  type AppointmentBusyInput,
  type AppointmentListInput,
  type AppointmentOutcomeInput,
  type AppointmentRescheduleInput,
  type Interval,
  type Page,
  type QueueNeed,
  type SchedulingQueueInput,
  type ScreeningResult,
  type SessionUser,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { IntakeEvents } from "../events.ts";
import { getLeadRow, moveLead } from "./lead.ts";

const { appointment, appointmentEvent, handoff, lead, screening, user } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;
type AppointmentRow = typeof appointment.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Who may touch which lead's scheduling record (per row; the capability was checked per procedure).

export function handedToScheduling(db: DbOrTx, leadId: number): boolean {
  return !!db
    .select({ id: handoff.id })
    .from(handoff)
    .where(and(eq(handoff.leadId, leadId), eq(handoff.target, "scheduling")))
    .get();
}

/** A clinician sees a lead booked with them or handed to them (or to the clinical pool). */
export function clinicianSeesLead(db: DbOrTx, leadId: number, clinicianId: number): boolean {
  const booked = db
    .select({ id: appointment.id })
    .from(appointment)
    .where(and(eq(appointment.leadId, leadId), eq(appointment.clinicianId, clinicianId), ne(appointment.status, "cancelled")))
    .get();
  if (booked) return true;
  const handed = db
    .select({ id: handoff.id })
    .from(handoff)
    .where(
      and(
        eq(handoff.leadId, leadId),
        or(eq(handoff.target, "clinical_pool"), and(eq(handoff.target, "clinician"), eq(handoff.clinicianId, clinicianId))),
      ),
    )
    .get();
  return !!handed;
}

/** The one refusal a role checked per row gets, for a record that is not theirs and for one that does not exist. */
function notYours(actor: SessionUser): AppError {
  switch (actor.role) {
    case "scheduler":
      return new AppError("FORBIDDEN", "This lead has not been handed to scheduling.");
    case "clinician":
      return new AppError("FORBIDDEN", "This lead is not booked with you or handed to you.");
    default:
      return new AppError("FORBIDDEN", "Your role does not work the scheduling record.");
  }
}

/**
 * Schedulers work leads handed to scheduling; clinicians their own patients; managers and admins read
 * all. Call it before looking the lead up: an unknown id is refused like a lead that is not yours.
 */
export function assertSchedulingAccess(db: DbOrTx, leadId: number, actor: SessionUser): void {
  if (actor.role === "manager" || actor.role === "admin") return;
  const sees = actor.role === "scheduler" ? handedToScheduling(db, leadId) : actor.role === "clinician" && clinicianSeesLead(db, leadId, actor.id);
  if (!sees) throw notYours(actor);
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** An appointment someone may work: for a role checked per row an unknown id is refused like one that is not theirs. */
function getAppointment(db: DbOrTx, id: number, actor: SessionUser): AppointmentRow {
  const row = db.select().from(appointment).where(eq(appointment.id, id)).get();
  if (!row) throw actor.role === "manager" || actor.role === "admin" ? notFound("appointment") : notYours(actor);
  return row;
}

function activeClinician(db: DbOrTx, id: number) {
  const row = db.select().from(user).where(eq(user.id, id)).get();
  if (!row || row.role !== "clinician" || !row.active) throw new AppError("BAD_REQUEST", "Choose a clinician who sees patients.");
  return row;
}

function bookedConsult(db: DbOrTx, leadId: number): AppointmentRow | undefined {
  return db
    .select()
    .from(appointment)
    .where(and(eq(appointment.leadId, leadId), eq(appointment.kind, "consult"), eq(appointment.status, "booked")))
    .get();
}

function lastConsult(db: DbOrTx, leadId: number): AppointmentRow | undefined {
  return db
    .select()
    .from(appointment)
    .where(and(eq(appointment.leadId, leadId), eq(appointment.kind, "consult")))
    .orderBy(desc(appointment.id))
    .get();
}

/** Another appointment holding part of this interval, for a clinician or for the patient. */
function clash(db: DbOrTx, who: SQL, interval: Interval, exceptId: number | null): AppointmentRow | undefined {
  return db
    .select()
    .from(appointment)
    .where(
      and(
        who,
        inArray(appointment.status, [...HOLDS_TIME]),
        lt(appointment.startsAt, interval.endsAt),
        gt(appointment.endsAt, interval.startsAt),
        exceptId === null ? undefined : ne(appointment.id, exceptId),
      ),
    )
    .orderBy(asc(appointment.startsAt))
    .get();
}

/**
 * Refuses a time the clinician or the patient already has taken. Checked inside the booking's
 * transaction: SQLite runs one writer at a time, so two schedulers cannot both take the slot.
 * The message names the clinician and the clinic time, never the other patient.
 */
function assertFree(db: DbOrTx, clinician: { id: number; name: string }, leadId: number, interval: Interval, exceptId: number | null) {
  const taken = clash(db, eq(appointment.clinicianId, clinician.id), interval, exceptId);
  if (taken) {
    throw new AppError(
      "CONFLICT",
      `${clinician.name} is already booked ${formatClinicDateTime(taken.startsAt)} to ${formatClinicTime(taken.endsAt)} (clinic time). Choose another time or clinician.`,
    );
  }
  const patient = clash(db, eq(appointment.leadId, leadId), interval, exceptId);
  if (patient) {
    throw new AppError(
      "CONFLICT",
      `The patient already has an appointment ${formatClinicDateTime(patient.startsAt)} to ${formatClinicTime(patient.endsAt)} (clinic time). Choose another time.`,
    );
  }
}

function assertFuture(startsAt: Date, now: Date) {
  if (startsAt.getTime() < now.getTime()) throw new AppError("BAD_REQUEST", "Choose a start time in the future.");
  const far = tooFarAheadProblem(startsAt, now);
  if (far) throw new AppError("BAD_REQUEST", far, "startsAt");
}

function recordChange(tx: Tx, values: Omit<typeof appointmentEvent.$inferInsert, "id">) {
  tx.insert(appointmentEvent).values(values).run();
}

// ---------------------------------------------------------------------------------------------
// Booking and changing.

/**
 * Books an appointment. A consult needs a lead handed to scheduling (status handed_off, or
 * scheduled with no consult booked after a cancellation or no-show) and moves it to scheduled;
 * mapping and treatment need a lead who has had the consult.
 */
export function bookAppointment(db: Db, input: AppointmentBookInput, actor: SessionUser, now: Date, events: IntakeEvents) {
  const booked = db.transaction((tx) => {
    assertSchedulingAccess(tx, input.leadId, actor);
    const theLead = getLeadRow(db, input.leadId);
    if (theLead.status === "closed") {
      throw new AppError("BAD_REQUEST", "This lead is closed; a coordinator must reopen it before anything is booked.");
    }
    const clinician = activeClinician(tx, input.clinicianId);
    assertFuture(input.startsAt, now);
    if (input.kind === "consult") {
      if (theLead.status === "consulted" || theLead.status === "in_treatment") {
        throw new AppError("BAD_REQUEST", "This lead has had the consult; book a mapping or treatment session instead.");
      }
      if (theLead.status !== "handed_off" && theLead.status !== "scheduled") {
        throw new AppError("BAD_REQUEST", `Only a lead handed to scheduling can have a consult booked; this one is ${theLead.status}.`);
      }
      if (bookedConsult(tx, theLead.id)) {
        throw new AppError("CONFLICT", "This lead already has a consult booked; reschedule it instead.");
      }
    } else if (theLead.status !== "consulted" && theLead.status !== "in_treatment") {
      throw new AppError(
        "BAD_REQUEST",
        `A ${APPOINTMENT_KIND_LABELS[input.kind].toLowerCase()} needs a lead who has had the consult; this one is ${theLead.status}.`,
      );
    }
    const interval = { startsAt: input.startsAt, endsAt: endOf(input.startsAt, input.durationMinutes ?? DEFAULT_DURATION_MINUTES[input.kind]) };
    assertFree(tx, clinician, theLead.id, interval, null);

    const previous = input.kind === "consult" ? lastConsult(tx, theLead.id) : undefined;
    const row = tx
      .insert(appointment)
      .values({
        leadId: theLead.id,
        kind: input.kind,
        clinicianId: clinician.id,
        ...interval,
        status: "booked",
        bookedById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    recordChange(tx, { appointmentId: row.id, change: "booked", toStartsAt: row.startsAt, toClinicianId: clinician.id, actorId: actor.id, at: now });
    if (input.kind === "consult") {
      if (theLead.status === "handed_off") {
        moveLead(db, { id: theLead.id, to: "scheduled", actor, now, system: true });
      } else {
        // Booking again after a cancellation or a no-show is, for the lead, a reschedule.
        const why = previous?.status === "no_show" ? "a no-show" : "a cancellation";
        moveLead(db, { id: theLead.id, to: "scheduled", reason: `Consult booked again after ${why}`, actor, now, system: true });
      }
    }
    return row;
  });
  events.emit({ kind: "appointment.booked", appointmentId: booked.id, leadId: booked.leadId, clinicianId: booked.clinicianId });
  return booked;
}

/**
 * Moves a booked appointment to a new time (and clinician, and length, if given). The row keeps its
 * id and bumps its sequence; the history and, for a consult, the lead's own history keep the reason.
 */
export function rescheduleAppointment(db: Db, input: AppointmentRescheduleInput, actor: SessionUser, now: Date, events: IntakeEvents) {
  const updated = db.transaction((tx) => {
    const row = getAppointment(tx, input.id, actor);
    assertSchedulingAccess(tx, row.leadId, actor);
    if (row.status !== "booked") {
      throw new AppError("CONFLICT", `This appointment is ${APPOINTMENT_STATUS_LABELS[row.status].toLowerCase()}; only a booked one can be rescheduled.`);
    }
    const theLead = getLeadRow(db, row.leadId);
    if (theLead.status === "closed") throw new AppError("BAD_REQUEST", "This lead is closed; cancel the appointment instead.");
    const clinician = activeClinician(tx, input.clinicianId ?? row.clinicianId);
    assertFuture(input.startsAt, now);
    const minutes = input.durationMinutes ?? Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000);
    const interval = { startsAt: input.startsAt, endsAt: endOf(input.startsAt, minutes) };
    if (
      interval.startsAt.getTime() === row.startsAt.getTime() &&
      interval.endsAt.getTime() === row.endsAt.getTime() &&
      clinician.id === row.clinicianId
    ) {
      throw new AppError("BAD_REQUEST", "That is the time already booked; choose a new time or clinician.");
    }
    assertFree(tx, clinician, row.leadId, interval, row.id);
    const changed = tx
      .update(appointment)
      .set({ ...interval, clinicianId: clinician.id, sequence: row.sequence + 1, updatedAt: now })
      .where(eq(appointment.id, row.id))
      .returning()
      .get();
    recordChange(tx, {
      appointmentId: row.id,
      change: "rescheduled",
      fromStartsAt: row.startsAt,
      toStartsAt: interval.startsAt,
      fromClinicianId: row.clinicianId,
      toClinicianId: clinician.id,
      reason: input.reason,
      actorId: actor.id,
      at: now,
    });
    if (row.kind === "consult") moveLead(db, { id: row.leadId, to: "scheduled", reason: input.reason, actor, now, system: true });
    return changed;
  });
  events.emit({ kind: "appointment.rescheduled", appointmentId: updated.id, leadId: updated.leadId, clinicianId: updated.clinicianId });
  return updated;
}

/**
 * Cancels a booked appointment and frees the time. The lead's status does not change: a lead whose
 * consult is cancelled stays `scheduled` with no consult booked, goes back into the scheduling
 * queue (as "rebooking"), and a consult can be booked again. A coordinator closes the lead if the
 * patient has stopped.
 */
export function cancelAppointment(db: Db, input: { id: number; reason: string }, actor: SessionUser, now: Date, events: IntakeEvents) {
  const cancelled = db.transaction((tx) => {
    const row = getAppointment(tx, input.id, actor);
    assertSchedulingAccess(tx, row.leadId, actor);
    if (row.status !== "booked") {
      throw new AppError("CONFLICT", `This appointment is ${APPOINTMENT_STATUS_LABELS[row.status].toLowerCase()}; only a booked one can be cancelled.`);
    }
    const changed = tx
      .update(appointment)
      .set({ status: "cancelled", cancelReason: input.reason, updatedAt: now })
      .where(eq(appointment.id, row.id))
      .returning()
      .get();
    recordChange(tx, { appointmentId: row.id, change: "cancelled", fromStartsAt: row.startsAt, reason: input.reason, actorId: actor.id, at: now });
    return changed;
  });
  events.emit({ kind: "appointment.cancelled", appointmentId: cancelled.id, leadId: cancelled.leadId, clinicianId: cancelled.clinicianId });
  return cancelled;
}

/**
 * Records whether the patient came, once the appointment has started. An attended consult moves the
 * lead to consulted. A no-show leaves the lead `scheduled` with no consult booked, so it returns to
 * the scheduling queue for rebooking; the row keeps `no_show` for the show rate.
 */
export function recordOutcome(db: Db, input: AppointmentOutcomeInput, actor: SessionUser, now: Date, events: IntakeEvents) {
  const recorded = db.transaction((tx) => {
    const row = getAppointment(tx, input.id, actor);
    if (actor.role === "clinician") {
      if (row.clinicianId !== actor.id) throw notYours(actor);
    } else {
      assertSchedulingAccess(tx, row.leadId, actor);
    }
    if (row.status !== "booked") {
      throw new AppError("CONFLICT", `The outcome is already recorded: ${APPOINTMENT_STATUS_LABELS[row.status].toLowerCase()}.`);
    }
    if (row.startsAt.getTime() > now.getTime()) {
      throw new AppError("BAD_REQUEST", "The appointment has not started yet; record the outcome once it has.");
    }
    const changed = tx
      .update(appointment)
      .set({ status: input.outcome, outcomeAt: now, outcomeById: actor.id, updatedAt: now })
      .where(eq(appointment.id, row.id))
      .returning()
      .get();
    recordChange(tx, { appointmentId: row.id, change: input.outcome, actorId: actor.id, at: now });
    if (row.kind === "consult" && input.outcome === "attended") {
      moveLead(db, { id: row.leadId, to: "consulted", actor, now, system: true });
    }
    return changed;
  });
  events.emit({ kind: "appointment.outcome", appointmentId: recorded.id, leadId: recorded.leadId, clinicianId: recorded.clinicianId });
  return recorded;
}

// ---------------------------------------------------------------------------------------------
// Views.

/** The times a clinician is taken within a window: intervals only, nothing about whom they see. */
export function busyIntervals(db: Db, input: AppointmentBusyInput) {
  const clinician = db.select({ id: user.id, role: user.role }).from(user).where(eq(user.id, input.clinicianId)).get();
  if (!clinician || clinician.role !== "clinician") throw notFound("clinician");
  return db
    .select({ startsAt: appointment.startsAt, endsAt: appointment.endsAt })
    .from(appointment)
    .where(
      and(
        eq(appointment.clinicianId, input.clinicianId),
        inArray(appointment.status, [...HOLDS_TIME]),
        lt(appointment.startsAt, input.to),
        gt(appointment.endsAt, input.from),
      ),
    )
    .orderBy(asc(appointment.startsAt))
    .all();
}

const clinicianUser = alias(user, "clinician");

/** A lead's appointments, oldest first, each with its history. */
export function appointmentsByLead(db: Db, leadId: number, actor: SessionUser) {
  assertSchedulingAccess(db, leadId, actor);
  getLeadRow(db, leadId);
  const rows = db
    .select({
      id: appointment.id,
      leadId: appointment.leadId,
      kind: appointment.kind,
      status: appointment.status,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      clinicianId: appointment.clinicianId,
      clinicianName: clinicianUser.name,
      sequence: appointment.sequence,
      cancelReason: appointment.cancelReason,
      outcomeAt: appointment.outcomeAt,
      createdAt: appointment.createdAt,
    })
    .from(appointment)
    .innerJoin(clinicianUser, eq(clinicianUser.id, appointment.clinicianId))
    .where(eq(appointment.leadId, leadId))
    .orderBy(asc(appointment.startsAt), asc(appointment.id))
    .all();
  if (!rows.length) return [];
  const history = db
    .select({
      appointmentId: appointmentEvent.appointmentId,
      change: appointmentEvent.change,
      fromStartsAt: appointmentEvent.fromStartsAt,
      toStartsAt: appointmentEvent.toStartsAt,
      fromClinicianId: appointmentEvent.fromClinicianId,
      toClinicianId: appointmentEvent.toClinicianId,
      reason: appointmentEvent.reason,
      actor: user.name,
      at: appointmentEvent.at,
    })
    .from(appointmentEvent)
    .leftJoin(user, eq(user.id, appointmentEvent.actorId))
    .where(inArray(appointmentEvent.appointmentId, rows.map((r) => r.id)))
    .orderBy(asc(appointmentEvent.at), asc(appointmentEvent.id))
    .all();
  return rows.map((r) => ({ ...r, history: history.filter((e) => e.appointmentId === r.id).map(({ appointmentId: _id, ...e }) => e) }));
}

/** Appointments in a window (a clinician's day, the clinic's week), paged in SQL; clinicians read only their own. */
export function listAppointments(db: Db, input: AppointmentListInput, actor: SessionUser): Page<{
  id: number;
  leadId: number;
  leadName: string | null;
  kind: AppointmentRow["kind"];
  status: AppointmentRow["status"];
  startsAt: Date;
  endsAt: Date;
  clinicianId: number;
  clinicianName: string;
}> {
  let clinicianId = input.clinicianId;
  if (actor.role === "clinician") {
    if (clinicianId !== undefined && clinicianId !== actor.id) throw new AppError("FORBIDDEN", "You can list only your own appointments.");
    clinicianId = actor.id;
  }
  const where = and(
    lt(appointment.startsAt, input.to),
    gt(appointment.endsAt, input.from),
    clinicianId === undefined ? undefined : eq(appointment.clinicianId, clinicianId),
    input.status ? eq(appointment.status, input.status) : undefined,
  );
  const items = db
    .select({
      id: appointment.id,
      leadId: appointment.leadId,
      leadName: lead.name,
      kind: appointment.kind,
      status: appointment.status,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      clinicianId: appointment.clinicianId,
      clinicianName: clinicianUser.name,
    })
    .from(appointment)
    .innerJoin(lead, eq(lead.id, appointment.leadId))
    .innerJoin(clinicianUser, eq(clinicianUser.id, appointment.clinicianId))
    .where(where)
    .orderBy(asc(appointment.startsAt), asc(appointment.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  const total = db.select({ n: count() }).from(appointment).where(where).get()?.n ?? 0;
  return { items, total };
}

/** The calendar file of a booked appointment for the patient's letter. */
export function appointmentCalendar(db: Db, id: number, actor: SessionUser, now: Date) {
  const row = getAppointment(db, id, actor);
  assertSchedulingAccess(db, row.leadId, actor);
  if (row.status !== "booked") throw new AppError("BAD_REQUEST", "Only a booked appointment has a calendar file.");
  // The invitation is for the patient: in their language.
  const language = scriptLanguageFor(getLeadRow(db, row.leadId).language);
  return appointmentIcs(row, now, icsWordsIn(language, row.kind, row.startsAt));
}

// ---------------------------------------------------------------------------------------------
// The scheduling queue.

export interface SchedulingQueueItem {
  leadId: number;
  leadName: string | null;
  leadPhone: string;
  leadStatus: "handed_off" | "scheduled";
  needs: QueueNeed;
  /** The last consult's status when it has to be booked again: cancelled or no_show. */
  lastConsultStatus: "cancelled" | "no_show" | null;
  handoffId: number;
  handedOffAt: Date;
  acknowledgedAt: Date | null;
  result: ScreeningResult | null;
  flags: { id: string; label: string; result: string }[];
  payment: "insurance" | "self_pay" | "unknown" | null;
  voicemailOk: boolean | null;
  textOk: boolean | null;
}

const latestHandoff = alias(handoff, "latest_handoff");
const laterScreening = alias(screening, "later_screening");
const consult = alias(appointment, "consult");

const asBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === 1 || v === true);

/**
 * Leads waiting for a consult to be booked, oldest handoff first: handed_off leads, and scheduled
 * leads whose consult was cancelled or missed. Each carries what DOMAIN.md lets a scheduler read —
 * the screening's result and flags — and three answers picked out here (payment, voicemail,
 * text); the answers themselves are encrypted at rest and never leave this function.
 */
export function schedulingQueue(db: Db, input: SchedulingQueueInput): Page<SchedulingQueueItem> {
  const where = or(
    eq(lead.status, "handed_off"),
    and(
      eq(lead.status, "scheduled"),
      notExists(
        db
          .select({ one: sql`1` })
          .from(consult)
          .where(and(eq(consult.leadId, lead.id), eq(consult.kind, "consult"), eq(consult.status, "booked"))),
      ),
    ),
  );
  // The latest scheduling handoff of the lead, and its latest completed screening.
  const handoffJoin = eq(
    handoff.id,
    db
      .select({ id: sql<number>`max(${latestHandoff.id})` })
      .from(latestHandoff)
      .where(and(eq(latestHandoff.leadId, lead.id), eq(latestHandoff.target, "scheduling"))),
  );
  const screeningJoin = eq(
    screening.id,
    db
      .select({ id: laterScreening.id })
      .from(laterScreening)
      .where(and(eq(laterScreening.leadId, lead.id), eq(laterScreening.status, "complete")))
      .orderBy(desc(laterScreening.completedAt), desc(laterScreening.id))
      .limit(1),
  );
  const rows = db
    .select({
      leadId: lead.id,
      leadName: lead.name,
      leadPhone: lead.phone,
      leadStatus: lead.status,
      handoffId: handoff.id,
      handedOffAt: handoff.createdAt,
      acknowledgedAt: handoff.acknowledgedAt,
      result: screening.result,
      flags: screening.flags,
      answers: screening.answers,
      lastConsultStatus: sql<string | null>`${db
        .select({ status: consult.status })
        .from(consult)
        .where(and(eq(consult.leadId, lead.id), eq(consult.kind, "consult")))
        .orderBy(desc(consult.id))
        .limit(1)}`,
    })
    .from(lead)
    .innerJoin(handoff, handoffJoin)
    .leftJoin(screening, screeningJoin)
    .where(where)
    .orderBy(asc(handoff.createdAt), asc(handoff.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  const total = db.select({ n: count() }).from(lead).innerJoin(handoff, handoffJoin).where(where).get()?.n ?? 0;
  const items = rows.map((r): SchedulingQueueItem => {
    const rebooking = r.leadStatus === "scheduled";
    const answers = (r.answers ?? {}) as { readiness?: { payment?: unknown }; caller?: { voicemailOk?: unknown; textOk?: unknown } };
    const paid = answers.readiness?.payment;
    const payment = paid === "insurance" || paid === "self_pay" || paid === "unknown" ? paid : null;
    return {
      leadId: r.leadId,
      leadName: r.leadName,
      leadPhone: r.leadPhone,
      leadStatus: rebooking ? "scheduled" : "handed_off",
      needs: rebooking ? "rebooking" : "booking",
      lastConsultStatus: rebooking && (r.lastConsultStatus === "cancelled" || r.lastConsultStatus === "no_show") ? r.lastConsultStatus : null,
      handoffId: r.handoffId,
      handedOffAt: r.handedOffAt,
      acknowledgedAt: r.acknowledgedAt,
      result: (r.result as ScreeningResult | null) ?? null,
      flags: r.flags ?? [],
      payment,
      voicemailOk: asBool(answers.caller?.voicemailOk),
      textOk: asBool(answers.caller?.textOk),
    };
  });
  return { items, total };
}

/**
 * One lead as the scheduling side may see it: contact details, status, the latest screening's result
 * and flags, payment and contact preferences, and the latest scheduling handoff — never the answers.
 */
export function schedulingLead(db: Db, leadId: number, actor: SessionUser) {
  assertSchedulingAccess(db, leadId, actor);
  const row = db.select().from(lead).where(eq(lead.id, leadId)).get();
  if (!row) throw notFound("lead");
  const screen = db
    .select({ result: screening.result, flags: screening.flags, answers: screening.answers })
    .from(screening)
    .where(and(eq(screening.leadId, leadId), eq(screening.status, "complete")))
    .orderBy(desc(screening.completedAt), desc(screening.id))
    .get();
  const answers = (screen?.answers ?? {}) as { readiness?: { payment?: unknown }; caller?: { voicemailOk?: unknown; textOk?: unknown } };
  const paid = answers.readiness?.payment;
  const note = db
    .select({
      id: handoff.id,
      createdAt: handoff.createdAt,
      acknowledgedAt: handoff.acknowledgedAt,
      situation: handoff.situation,
      background: handoff.background,
      assessment: handoff.assessment,
      recommendation: handoff.recommendation,
    })
    .from(handoff)
    .where(and(eq(handoff.leadId, leadId), eq(handoff.target, "scheduling")))
    .orderBy(desc(handoff.id))
    .get();
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    status: row.status,
    result: (screen?.result as ScreeningResult | null | undefined) ?? null,
    flags: screen?.flags ?? [],
    payment: paid === "insurance" || paid === "self_pay" || paid === "unknown" ? paid : null,
    voicemailOk: asBool(answers.caller?.voicemailOk),
    textOk: asBool(answers.caller?.textOk),
    handoff: note ?? null,
  };
}

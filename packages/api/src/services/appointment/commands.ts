// Appointments changed: booking without double-booking, reschedule, cancel, and the outcome.
import { and, asc, desc, eq, gt, inArray, lt, ne, type SQL } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_STATUS_LABELS,
  DEFAULT_DURATION_MINUTES,
  HOLDS_TIME,
  endOf,
  tooFarAheadProblem,
  formatClinicDateTime,
  formatClinicTime,
  type AppointmentBookInput,
  type AppointmentOutcomeInput,
  type AppointmentRescheduleInput,
  type Interval,
  type SessionUser,
} from "@intake/domain";
import { AppError } from "../../errors.ts";
import type { AppointmentEvent, EventSink } from "../../events.ts";
import { getLeadRow, moveLead } from "../lead.ts";
import { assertSchedulingAccess, getAppointment, notYours, type AppointmentRow, type DbOrTx } from "./access.ts";

const { appointment, appointmentEvent, user } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

/** Tells the live views an appointment changed (ids only), once its transaction has committed. */
function announce(events: EventSink, kind: AppointmentEvent["kind"], row: AppointmentRow): AppointmentRow {
  events.emit({ kind, appointmentId: row.id, leadId: row.leadId, clinicianId: row.clinicianId });
  return row;
}

function recordChange(tx: Tx, values: Omit<typeof appointmentEvent.$inferInsert, "id">) {
  tx.insert(appointmentEvent).values(values).run();
}

/**
 * Books an appointment. A consult needs a lead handed to scheduling (status handed_off, or
 * scheduled with no consult booked after a cancellation or no-show) and moves it to scheduled;
 * mapping and treatment need a lead who has had the consult.
 */
export function bookAppointment(db: Db, input: AppointmentBookInput, actor: SessionUser, now: Date, events: EventSink) {
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
  return announce(events, "appointment.booked", booked);
}

/**
 * Moves a booked appointment to a new time (and clinician, and length, if given). The row keeps its
 * id and bumps its sequence; the history and, for a consult, the lead's own history keep the reason.
 */
export function rescheduleAppointment(db: Db, input: AppointmentRescheduleInput, actor: SessionUser, now: Date, events: EventSink) {
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
    if (interval.startsAt.getTime() === row.startsAt.getTime() && interval.endsAt.getTime() === row.endsAt.getTime() && clinician.id === row.clinicianId) {
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
  return announce(events, "appointment.rescheduled", updated);
}

/**
 * Cancels a booked appointment and frees the time. The lead's status does not change: a lead whose
 * consult is cancelled stays `scheduled` with no consult booked, goes back into the scheduling
 * queue (as "rebooking"), and a consult can be booked again. A coordinator closes the lead if the
 * patient has stopped.
 */
export function cancelAppointment(db: Db, input: { id: number; reason: string }, actor: SessionUser, now: Date, events: EventSink) {
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
  return announce(events, "appointment.cancelled", cancelled);
}

/**
 * Records whether the patient came, once the appointment has started. An attended consult moves the
 * lead to consulted. A no-show leaves the lead `scheduled` with no consult booked, so it returns to
 * the scheduling queue for rebooking; the row keeps `no_show` for the show rate.
 */
export function recordOutcome(db: Db, input: AppointmentOutcomeInput, actor: SessionUser, now: Date, events: EventSink) {
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
  return announce(events, "appointment.outcome", recorded);
}

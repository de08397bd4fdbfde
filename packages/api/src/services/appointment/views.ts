// Appointments read: a clinician's busy times, a lead's appointments, a window of the calendar, the calendar file.
import { alias } from "drizzle-orm/sqlite-core";
import { and, asc, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  HOLDS_TIME,
  appointmentIcs,
  icsWordsIn,
  scriptLanguageFor,
  type AppointmentBusyInput,
  type AppointmentListInput,
  type Page,
  type SessionUser,
} from "@intake/domain";
import { AppError, notFound } from "../../errors.ts";
import { getLeadRow } from "../lead.ts";
import { assertSchedulingAccess, getAppointment, type AppointmentRow } from "./access.ts";

const { appointment, appointmentEvent, lead, user } = schema;

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
      /** The caller confirmed by replying C to a text reminder. */
      confirmedAt: appointment.confirmedAt,
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
    .where(
      inArray(
        appointmentEvent.appointmentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(appointmentEvent.at), asc(appointmentEvent.id))
    .all();
  return rows.map((r) => ({ ...r, history: history.filter((e) => e.appointmentId === r.id).map(({ appointmentId: _id, ...e }) => e) }));
}

/** Appointments in a window (a clinician's day, the clinic's week), paged in SQL; clinicians read only their own. */
export function listAppointments(
  db: Db,
  input: AppointmentListInput,
  actor: SessionUser,
): Page<{
  id: number;
  leadId: number;
  leadName: string | null;
  kind: AppointmentRow["kind"];
  status: AppointmentRow["status"];
  startsAt: Date;
  endsAt: Date;
  clinicianId: number;
  clinicianName: string;
  confirmedAt: Date | null;
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
      confirmedAt: appointment.confirmedAt,
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

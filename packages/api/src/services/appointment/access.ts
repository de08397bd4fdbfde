// Who may touch which lead's scheduling record, per row (the capability was checked per procedure).
import { and, eq, ne, or } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import type { SessionUser } from "@intake/domain";
import { AppError, notFound } from "../../errors.ts";

const { appointment, handoff } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type AppointmentRow = typeof appointment.$inferSelect;

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
    .where(and(eq(handoff.leadId, leadId), or(eq(handoff.target, "clinical_pool"), and(eq(handoff.target, "clinician"), eq(handoff.clinicianId, clinicianId)))))
    .get();
  return !!handed;
}

/** The one refusal a role checked per row gets, for a record that is not theirs and for one that does not exist. */
export function notYours(actor: SessionUser): AppError {
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

/** An appointment someone may work: for a role checked per row an unknown id is refused like one that is not theirs. */
export function getAppointment(db: DbOrTx, id: number, actor: SessionUser): AppointmentRow {
  const row = db.select().from(appointment).where(eq(appointment.id, id)).get();
  if (!row) throw actor.role === "manager" || actor.role === "admin" ? notFound("appointment") : notYours(actor);
  return row;
}

// Consult reminders by text (docs/domain.md, "Text messages"): stored rows a periodic pass sends once each.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";

const { appointment } = schema;

/** The lead's next booked consult from now, if any. */
export function nextConsultFor(db: Db, leadId: number, now: Date) {
  return db
    .select()
    .from(appointment)
    .where(and(eq(appointment.leadId, leadId), eq(appointment.kind, "consult"), eq(appointment.status, "booked"), gt(appointment.startsAt, now)))
    .orderBy(asc(appointment.startsAt))
    .get();
}

// The treatment course: starting it (consulted lead, checklist complete) moves the lead to in_treatment.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { describeOpenItems, openChecklistItems, type CourseStartInput, type SessionUser } from "@intake/domain";
import { AppError } from "../errors.ts";
import { assertSchedulingAccess } from "./appointment/access.ts";
import { checklistStatuses } from "./checklist.ts";
import { getLeadRow, moveLead } from "./lead.ts";

const { treatmentCourse } = schema;

function courseView(row: typeof treatmentCourse.$inferSelect) {
  const { startedById: _by, ...rest } = row;
  return { ...rest, remainingSessions: row.plannedSessions - row.attendedSessions };
}

export function startCourse(db: Db, input: CourseStartInput, actor: SessionUser, now: Date) {
  const row = db.transaction((tx) => {
    assertSchedulingAccess(tx, input.leadId, actor);
    const theLead = getLeadRow(db, input.leadId);
    if (tx.select({ id: treatmentCourse.id }).from(treatmentCourse).where(eq(treatmentCourse.leadId, theLead.id)).get()) {
      throw new AppError("CONFLICT", "The treatment course has already started.");
    }
    if (theLead.status !== "consulted") {
      throw new AppError("BAD_REQUEST", `Only a lead who has had the consult can start treatment; this one is ${theLead.status}.`);
    }
    const statuses = checklistStatuses(tx, theLead.id);
    if (openChecklistItems(statuses).length) {
      throw new AppError(
        "BAD_REQUEST",
        `The pre-treatment checklist is not complete. Still open: ${describeOpenItems(statuses)}. Each item must be done or waived by a clinician.`,
      );
    }
    const created = tx
      .insert(treatmentCourse)
      .values({ leadId: theLead.id, plannedSessions: input.plannedSessions, startedById: actor.id, startedAt: now, updatedAt: now })
      .returning()
      .get();
    moveLead(db, { id: theLead.id, to: "in_treatment", actor, now, system: true });
    return created;
  });
  return courseView(row);
}

/** Counts one attended session, never past the planned number. */
export function recordSession(db: Db, leadId: number, actor: SessionUser, now: Date) {
  const row = db.transaction((tx) => {
    assertSchedulingAccess(tx, leadId, actor);
    getLeadRow(db, leadId);
    const course = tx.select().from(treatmentCourse).where(eq(treatmentCourse.leadId, leadId)).get();
    if (!course) throw new AppError("BAD_REQUEST", "No treatment course has started for this lead.");
    const updated = tx
      .update(treatmentCourse)
      .set({ attendedSessions: sql`${treatmentCourse.attendedSessions} + 1`, lastSessionAt: now, updatedAt: now })
      .where(and(eq(treatmentCourse.id, course.id), lt(treatmentCourse.attendedSessions, treatmentCourse.plannedSessions)))
      .returning()
      .get();
    if (!updated) throw new AppError("BAD_REQUEST", `All ${course.plannedSessions} planned sessions are already recorded.`);
    return updated;
  });
  return courseView(row);
}

export function courseByLead(db: Db, leadId: number, actor: SessionUser) {
  assertSchedulingAccess(db, leadId, actor);
  getLeadRow(db, leadId);
  const row = db.select().from(treatmentCourse).where(eq(treatmentCourse.leadId, leadId)).get();
  return row ? courseView(row) : null;
}

// A treatment course: how many sessions are planned and how many have been attended.
import { z } from "zod";
import { Id } from "../common.ts";

/** A course is about 25–30 sessions (docs/domain.md); the clinic plans 30 unless told otherwise. */
export const DEFAULT_PLANNED_SESSIONS = 30;
export const MAX_PLANNED_SESSIONS = 60;

export const CourseStartInput = z.object({
  leadId: Id,
  plannedSessions: z
    .number({ message: "Enter the number of sessions" })
    .int("Sessions must be a whole number")
    .min(1, "Plan at least 1 session")
    .max(MAX_PLANNED_SESSIONS, `Plan at most ${MAX_PLANNED_SESSIONS} sessions`)
    .default(DEFAULT_PLANNED_SESSIONS),
});
export type CourseStartInput = z.infer<typeof CourseStartInput>;

export const CourseRecordSessionInput = z.object({ leadId: Id });
export const CourseByLeadInput = z.object({ leadId: Id });

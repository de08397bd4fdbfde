// Appointments a scheduler books (consult, mapping, treatment) and the inputs that book and change them.
import { z } from "zod";
import { boundedDate, Id, Paging, plainText } from "../common.ts";

export const APPOINTMENT_KINDS = ["consult", "mapping", "treatment"] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
  consult: "Consultation",
  mapping: "Mapping session",
  treatment: "Treatment session",
};

/** A consult and the motor-threshold mapping take an hour; a treatment session is 30–40 minutes (docs/domain.md). */
export const DEFAULT_DURATION_MINUTES: Record<AppointmentKind, number> = {
  consult: 60,
  mapping: 60,
  treatment: 40,
};

/**
 * `booked` until an outcome is recorded. A reschedule changes the booked appointment in place (its
 * history keeps every earlier time); a cancelled one frees the clinician's time.
 */
export const APPOINTMENT_STATUSES = ["booked", "attended", "no_show", "cancelled"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: "Booked",
  attended: "Attended",
  no_show: "No-show",
  cancelled: "Cancelled",
};

export const APPOINTMENT_OUTCOMES = ["attended", "no_show"] as const;
export type AppointmentOutcome = (typeof APPOINTMENT_OUTCOMES)[number];

/** What the appointment's history records: booking, each reschedule, the cancellation, the outcome. */
export const APPOINTMENT_CHANGES = ["booked", "rescheduled", "cancelled", "attended", "no_show"] as const;
export type AppointmentChange = (typeof APPOINTMENT_CHANGES)[number];

/** Statuses that hold the clinician's time (and the patient's). */
export const HOLDS_TIME: readonly AppointmentStatus[] = ["booked", "attended", "no_show"];

const startsAt = boundedDate("Enter when the appointment starts");
const durationMinutes = z
  .number({ message: "Enter the length in minutes" })
  .int("Length must be whole minutes")
  .min(10, "An appointment lasts at least 10 minutes")
  .max(240, "An appointment lasts at most 4 hours");
const reason = z
  .string({ message: "Give a reason" })
  .trim()
  .min(3, "Give a reason of at least 3 characters")
  .max(500, "Reason can be at most 500 characters")
  .superRefine(plainText("Reason", true));

export const AppointmentBookInput = z.object({
  leadId: Id,
  kind: z.enum(APPOINTMENT_KINDS, { message: `Kind must be one of: ${APPOINTMENT_KINDS.join(", ")}` }),
  startsAt,
  clinicianId: Id,
  /** Left out, the kind's usual length (DEFAULT_DURATION_MINUTES). */
  durationMinutes: durationMinutes.optional(),
});
export type AppointmentBookInput = z.infer<typeof AppointmentBookInput>;

export const AppointmentRescheduleInput = z.object({
  id: Id,
  startsAt,
  /** Left out, the same clinician. */
  clinicianId: Id.optional(),
  /** Left out, the same length. */
  durationMinutes: durationMinutes.optional(),
  reason,
});
export type AppointmentRescheduleInput = z.infer<typeof AppointmentRescheduleInput>;

export const AppointmentCancelInput = z.object({ id: Id, reason });
export type AppointmentCancelInput = z.infer<typeof AppointmentCancelInput>;

export const AppointmentOutcomeInput = z.object({
  id: Id,
  outcome: z.enum(APPOINTMENT_OUTCOMES, { message: "Outcome must be attended or no_show" }),
});
export type AppointmentOutcomeInput = z.infer<typeof AppointmentOutcomeInput>;

/** The longest window the busy and list views read at once. */
export const MAX_WINDOW_DAYS = 62;

const window = {
  from: boundedDate("Enter where the window starts"),
  to: boundedDate("Enter where the window ends"),
};
const windowRefinement = <T extends { from: Date; to: Date }>(value: T, ctx: z.RefinementCtx) => {
  const span = value.to.getTime() - value.from.getTime();
  if (span <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The window must end after it starts" });
  else if (span > MAX_WINDOW_DAYS * 24 * 3600_000) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `The window can be at most ${MAX_WINDOW_DAYS} days` });
  }
};

export const AppointmentBusyInput = z.object({ clinicianId: Id, ...window }).superRefine(windowRefinement);
export type AppointmentBusyInput = z.infer<typeof AppointmentBusyInput>;

export const AppointmentListInput = z
  .object({
    ...Paging,
    ...window,
    /** Clinicians always read their own; others may filter by one. */
    clinicianId: Id.optional(),
    status: z.enum(APPOINTMENT_STATUSES, { message: "Unknown appointment status" }).optional(),
  })
  .superRefine(windowRefinement);
export type AppointmentListInput = z.infer<typeof AppointmentListInput>;

export const AppointmentByLeadInput = z.object({ leadId: Id });
export const AppointmentByIdInput = z.object({ id: Id });

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Half-open intervals: one that ends at 10:00 does not overlap one that starts at 10:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export function endOf(startsAt: Date, minutes: number): Date {
  return new Date(startsAt.getTime() + minutes * 60_000);
}

/** Consult show rate as the funnel reads it: attended ÷ (attended + no-show); null with neither. */
export function showRate(attended: number, noShow: number): number | null {
  const seen = attended + noShow;
  return seen === 0 ? null : attended / seen;
}

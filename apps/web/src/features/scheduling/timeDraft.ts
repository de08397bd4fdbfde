// An appointment time as typed (clinic date, clock time, clinician, length) and turning it into what the API takes.
import { addDays, clinicDate, endOf, type Interval } from "@intake/domain";
import type { FieldErrors } from "../../api/errors.ts";
import { fromClinicInputValue } from "../../ui/clinicTime.ts";

export interface TimeDraft {
  /** 'YYYY-MM-DD' on the clinic's calendar. */
  date: string;
  /** 'HH:MM' on the clinic's clock. */
  time: string;
  /** A clinician's id, or "" while none is chosen. */
  clinicianId: string;
  /** Minutes as typed. */
  duration: string;
}

export const TIME_FIELDS = ["date", "time", "clinicianId", "durationMinutes"] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

/** Tomorrow at 9:00 AM at the clinic: the first time a scheduler usually offers. */
export function defaultTimeDraft(now: Date, durationMinutes: number, clinicianId = ""): TimeDraft {
  return { date: addDays(clinicDate(now), 1), time: "09:00", clinicianId, duration: String(durationMinutes) };
}

/** The interval the draft describes, or null while it is incomplete. */
export function draftInterval(draft: TimeDraft): Interval | null {
  const startsAt = draft.date && draft.time ? fromClinicInputValue(`${draft.date}T${draft.time}`) : null;
  const minutes = Number(draft.duration);
  if (!startsAt || !Number.isInteger(minutes) || minutes <= 0) return null;
  return { startsAt, endsAt: endOf(startsAt, minutes) };
}

export type TimeCheck = { ok: true; startsAt: Date; clinicianId: number; durationMinutes: number } | { ok: false; errors: FieldErrors<TimeField> };

/** What can be said before asking the server; the server still checks the rest (and every overlap). */
export function checkTimeDraft(draft: TimeDraft, now: Date): TimeCheck {
  const errors: FieldErrors<TimeField> = {};
  const startsAt = draft.date && draft.time ? fromClinicInputValue(`${draft.date}T${draft.time}`) : null;
  if (!draft.date) errors.date = "Choose the day";
  if (!draft.time) errors.time = "Choose the start time";
  else if (draft.date && !startsAt) errors.time = "Enter a real date and time";
  else if (startsAt && startsAt.getTime() < now.getTime()) errors.time = "Choose a time in the future";
  if (!draft.clinicianId) errors.clinicianId = "Choose a clinician";
  const minutes = Number(draft.duration);
  if (!draft.duration.trim() || !Number.isInteger(minutes)) errors.durationMinutes = "Enter the length in whole minutes";
  else if (minutes < 10 || minutes > 240) errors.durationMinutes = "An appointment lasts 10 to 240 minutes";
  if (Object.keys(errors).length > 0 || !startsAt) return { ok: false, errors };
  return { ok: true, startsAt, clinicianId: Number(draft.clinicianId), durationMinutes: minutes };
}

/** The server names fields by the API's words; the form has a date and a time where the API has one instant. */
export function timeFieldErrors(server: FieldErrors): FieldErrors<TimeField> {
  const out: FieldErrors<TimeField> = {};
  if (server.startsAt) out.time = server.startsAt;
  if (server.clinicianId) out.clinicianId = server.clinicianId;
  if (server.durationMinutes) out.durationMinutes = server.durationMinutes;
  return out;
}

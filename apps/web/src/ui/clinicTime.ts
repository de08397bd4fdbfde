// Times as the clinic reads them: America/Los_Angeles whatever zone the browser is set to. The clock
// arithmetic and the shared formats are the domain's (packages/domain/src/scheduling/clinicTime.ts).
import { CLINIC_TIME_ZONE, addDays, clinicDayStart, clinicInstant, clinicWallClock, formatClinicDateTime, formatClinicTime, isIsoDate } from "@intake/domain";

export { formatClinicDateTime, formatClinicTime };

const dateFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, dateStyle: "medium" });
const recentFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: CLINIC_TIME_ZONE,
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "Nov 25, 4:42 PM": for lists of the last few days, where the year is obvious. */
export function formatClinicRecent(date: Date): string {
  return recentFormat.format(date);
}

/** Whether two instants fall on the same day in the clinic (midnight to midnight in Los Angeles). */
export function clinicSameDay(a: Date, b: Date): boolean {
  return toClinicInputValue(a).slice(0, 10) === toClinicInputValue(b).slice(0, 10);
}

/**
 * "Nov 25, 4:42 PM", with the year too when it is not this year's ("Nov 25, 2024, 4:42 PM"): a time
 * on some other day than today, which a bare "4:42 PM" would have read as today.
 */
export function formatClinicDated(date: Date, now: Date = new Date()): string {
  const sameYear = toClinicInputValue(date).slice(0, 4) === toClinicInputValue(now).slice(0, 4);
  return sameYear ? formatClinicRecent(date) : formatClinicDateTime(date);
}

export function formatClinicDate(date: Date): string {
  return dateFormat.format(date);
}

const dayFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, weekday: "short", month: "short", day: "numeric", year: "numeric" });

/** "Wed, Nov 25, 2025": appointments, where the weekday matters as much as the date. */
export function formatClinicDay(date: Date): string {
  return dayFormat.format(date);
}

/** "Wed, Nov 25, 2025, 10:00 AM – 11:00 AM" (an end on another day gets its own date). */
export function formatClinicSpan(start: Date, end: Date): string {
  const sameDay = formatClinicDay(start) === formatClinicDay(end);
  return `${formatClinicDay(start)}, ${formatClinicTime(start)} – ${sameDay ? "" : `${formatClinicDay(end)}, `}${formatClinicTime(end)}`;
}

/** The instants a clinic day ('YYYY-MM-DD') starts and ends, midnight to midnight in Los Angeles. */
export function clinicDayWindow(day: string): { from: Date; to: Date } | null {
  if (!isIsoDate(day)) return null;
  return { from: clinicDayStart(day), to: clinicDayStart(addDays(day, 1)) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The value a `datetime-local` input shows for an instant, read on the clinic's clock ("2025-11-25T16:42"). */
export function toClinicInputValue(date: Date): string {
  const w = clinicWallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads a `datetime-local` value as a time on the clinic's clock, or null when it is not one. */
export function fromClinicInputValue(value: string): Date | null {
  const m = INPUT_VALUE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((g) => Number(g ?? "0"));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null;
  const at = clinicInstant({ year, month, day, hour, minute, second: second ?? 0 });
  return Number.isNaN(at.getTime()) ? null : at;
}

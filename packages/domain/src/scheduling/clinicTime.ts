// Reading instants on the clinic's clock (America/Los_Angeles): days, midnights and the words staff read.
import { CLINIC_TIME_ZONE, clinicDate } from "../clinic.ts";
import { parseIsoDate } from "../screening/dates.ts";

const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: CLINIC_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, hour: "numeric", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, dateStyle: "medium", timeStyle: "short" });
const weekdayFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, weekday: "short" });
const monthDayFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, month: "short", day: "numeric" });
const monthDayYearFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, month: "short", day: "numeric", year: "numeric" });

// Newer ICU puts a narrow no-break space before AM/PM; plain spaces keep messages and tests predictable.
const plain = (s: string) => s.replace(/\s/g, " ");

/** A time as the clinic's wall clock shows it; month 1–12, hour 0–23. */
export interface ClinicWallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The clinic's wall clock at an instant. */
export function clinicWallClock(at: Date): ClinicWallClock {
  const parts = partsFormat.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") % 24, minute: part("minute"), second: part("second") };
}

/** How far the clinic's clock is ahead of UTC at an instant, in ms (negative in California). */
function clinicOffsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = clinicWallClock(new Date(whole));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant a time on the clinic's wall clock names. The offset is looked up twice because the
 * first guess can land across a daylight-saving change.
 */
export function clinicInstant(w: ClinicWallClock): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = asUtc - clinicOffsetAt(asUtc);
  return new Date(asUtc - clinicOffsetAt(first));
}

/** The calendar date `days` after a 'YYYY-MM-DD' date (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  if (!d) throw new Error("date must be a real date written YYYY-MM-DD");
  return new Date(Date.UTC(d.year, d.month - 1, d.day + days)).toISOString().slice(0, 10);
}

/** The instant a clinic day begins (midnight in Los Angeles). */
export function clinicDayStart(date: string): Date {
  const d = parseIsoDate(date);
  if (!d) throw new Error("date must be a real date written YYYY-MM-DD");
  return clinicInstant({ ...d, hour: 0, minute: 0, second: 0 });
}

/** The instant the clinic day of `at` ends (the next midnight in Los Angeles). */
export function clinicDayEnd(at: Date): Date {
  return clinicDayStart(addDays(clinicDate(at), 1));
}

/** "9:00 AM" on the clinic's clock. */
export function formatClinicTime(at: Date): string {
  return plain(timeFormat.format(at));
}

/** "Wed" on the clinic's clock. */
export function formatClinicWeekday(at: Date): string {
  return weekdayFormat.format(at);
}

/** "Dec 3" (or "Dec 3, 2027" when `withYear`) on the clinic's clock. */
export function formatClinicMonthDay(at: Date, withYear = false): string {
  return plain((withYear ? monthDayYearFormat : monthDayFormat).format(at));
}

/** "Nov 25, 2026, 5:30 PM" on the clinic's clock: the one date-and-time form, on screens and in messages. */
export function formatClinicDateTime(at: Date): string {
  return plain(dateTimeFormat.format(at));
}

// Times as the clinic reads them: America/Los_Angeles whatever zone the browser is set to.
import { CLINIC_TIME_ZONE } from "@intake/domain";

const dateTimeFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: CLINIC_TIME_ZONE,
  dateStyle: "medium",
  timeStyle: "short",
});
const dateFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, dateStyle: "medium" });
const recentFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: CLINIC_TIME_ZONE,
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("en-US", { timeZone: CLINIC_TIME_ZONE, timeStyle: "short" });
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

/** "Nov 25, 2025, 4:42 PM" in clinic time. */
export function formatClinicDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

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

export function formatClinicTime(date: Date): string {
  return timeFormat.format(date);
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
  const from = fromClinicInputValue(`${day}T00:00`);
  if (!from) return null;
  // Noon of the day plus 24 h is surely the next day; its midnight ends this one, 23 or 25 hours long or not.
  const noon = fromClinicInputValue(`${day}T12:00`);
  const next = noon ? toClinicInputValue(new Date(noon.getTime() + 24 * 3600_000)).slice(0, 10) : null;
  const to = next ? fromClinicInputValue(`${next}T00:00`) : null;
  return to ? { from, to } : null;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function clinicWallClock(date: Date): WallClock {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(partsFormat.formatToParts(date).find((p) => p.type === type)?.value ?? "0");
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour") % 24,
    minute: part("minute"),
    second: part("second"),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The value a `datetime-local` input shows for an instant, read on the clinic's clock ("2025-11-25T16:42"). */
export function toClinicInputValue(date: Date): string {
  const w = clinicWallClock(date);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** How far the clinic's clock is ahead of UTC at an instant, in ms (negative in California). */
function clinicOffsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = clinicWallClock(new Date(whole));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a `datetime-local` value as a time on the clinic's clock, or null when it is not one.
 * The offset is looked up twice because the first guess can land across a daylight-saving change.
 */
export function fromClinicInputValue(value: string): Date | null {
  const m = INPUT_VALUE.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((g) => Number(g ?? "0"));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second ?? 0);
  const first = asUtc - clinicOffsetAt(asUtc);
  const settled = asUtc - clinicOffsetAt(first);
  return Number.isNaN(settled) ? null : new Date(settled);
}

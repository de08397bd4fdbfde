// When a task is due, in words a coordinator reads at a glance, on the clinic's clock (stored UTC).
import { clinicDate } from "../clinic.ts";
import { addDays, formatClinicMonthDay, formatClinicTime, formatClinicWeekday } from "../scheduling/clinicTime.ts";

/** Overdue the moment the due time has passed; due exactly now is not yet overdue. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() < now.getTime();
}

/** "under a minute", "10 min", "2 h 5 min", "3 days". */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return days === 1 ? "1 day" : `${days} days`;
}

/**
 * "Overdue by 10 min", "Due today 11:55 PM", "Due tomorrow 9:00 AM", "Due Fri 9:00 AM" (within a
 * week), "Due Dec 3 9:00 AM". Today and tomorrow are the clinic's days, whatever UTC says.
 */
export function dueLabel(dueAt: Date, now: Date): string {
  if (isOverdue(dueAt, now)) return `Overdue by ${formatSpan(now.getTime() - dueAt.getTime())}`;
  const today = clinicDate(now);
  const day = clinicDate(dueAt);
  const time = formatClinicTime(dueAt);
  if (day === today) return `Due today ${time}`;
  if (day === addDays(today, 1)) return `Due tomorrow ${time}`;
  if (day < addDays(today, 7)) return `Due ${formatClinicWeekday(dueAt)} ${time}`;
  return `Due ${formatClinicMonthDay(dueAt, day.slice(0, 4) !== today.slice(0, 4))} ${time}`;
}

// Calendar dates written 'YYYY-MM-DD': validation and whole-year age, with no clock and no time zone.

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads 'YYYY-MM-DD' as a calendar date, or null when it is not one (wrong shape, month 13,
 * Feb 30, Feb 29 outside a leap year). Done by hand rather than with `Date` so that no time zone
 * can shift a date of birth by a day.
 */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/**
 * Whole years of age on `onDate`. A birthday counts from its own day: born 2008-11-25 is 17 on
 * 2026-11-24 and 18 on 2026-11-25. Someone born on Feb 29 has a birthday on Mar 1 in a year without
 * one (comparing month and day does this by itself: Feb 28 is before Feb 29, Mar 1 is after).
 * Throws on a malformed date; the message never repeats the date (it may be a patient's DOB).
 */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const birth = parseIsoDate(dateOfBirth);
  const on = parseIsoDate(onDate);
  if (!birth) throw new Error("dateOfBirth must be a real date written YYYY-MM-DD");
  if (!on) throw new Error("onDate must be a real date written YYYY-MM-DD");
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

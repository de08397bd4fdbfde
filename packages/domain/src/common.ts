// Schemas every list and record shares: paging, ids, the phone field, dates and text a person typed.
import { z } from "zod";
import { toE164 } from "./phone/phone.ts";

export const Id = z.number({ message: "Id must be a number" }).int("Id must be a whole number").positive("Id must be positive");

export const Paging = {
  page: z.number().int().min(1, "Page starts at 1").max(1_000_000).default(1),
  perPage: z.number().int().min(1, "Show at least 1 row").max(200, "Show at most 200 rows per page").default(25),
};

/** Accepts any common US way of writing a number and yields E.164; the message never repeats what was typed. */
export const UsPhone = z
  .string({ message: "Enter a phone number" })
  .max(40, "Phone number is too long")
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: "Enter a 10-digit US phone number, for example (818) 555-0142" });
      return z.NEVER;
    }
    return e164;
  });

export interface Page<T> {
  items: T[];
  total: number;
}

/** The most calls one batched request may carry; the dashboard's client batches no more than this. */
export const MAX_BATCH_CALLS = 16;

const DAY_MS = 86_400_000;
/** No date the clinic records or looks up lies before this. */
export const EARLIEST_DATE = new Date("2000-01-01T00:00:00.000Z");
/** Nor after this: a later one is a typing mistake (the year 275760 would top every list). */
export const LATEST_DATE = new Date("2100-01-01T00:00:00.000Z");
/** How far ahead a booking may lie. */
export const MAX_DAYS_AHEAD = 2 * 366;
/** How far ahead of the clock a call may say it started: the browser's clock and the server's differ a little. */
export const CALL_START_LEEWAY_MINUTES = 5;

/** A date from 2000 to 2099; how far from now it may be is checked against the clock where it is stored. */
export const boundedDate = (message = "Enter a date") =>
  z.coerce.date({ message }).min(EARLIEST_DATE, "Enter a date from the year 2000 on").max(LATEST_DATE, "Enter a date before the year 2100");

/** Why a call cannot have started at `startedAt` when the clock reads `now`, or null. */
export function callStartProblem(startedAt: Date, now: Date): string | null {
  return startedAt.getTime() > now.getTime() + CALL_START_LEEWAY_MINUTES * 60_000
    ? `A call cannot start more than ${CALL_START_LEEWAY_MINUTES} minutes from now: check the date and time`
    : null;
}

/** Why a booking cannot be at `at` when the clock reads `now`, or null. */
export function tooFarAheadProblem(at: Date, now: Date): string | null {
  return at.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS ? "Choose a time at most two years ahead" : null;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** The same, less line feed, carriage return and tab, which a note of several lines holds. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_NOTES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * Direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make stored
 * text show in another order than it reads. The plain marks U+200E, U+200F and U+061C stay
 * allowed: right-to-left keyboards type them, and they reorder nothing around them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Half of a surrogate pair without the other half: no character at all (stored, it turns into U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * What is wrong with a typed text, in words, or null: control characters (line breaks too, unless
 * `lines`), direction overrides, broken characters. Never repeats the text.
 */
export function textProblem(value: string, lines = false): string | null {
  if ((lines ? CONTROL_IN_NOTES : CONTROL).test(value)) {
    return lines ? "cannot contain control characters such as NUL; only line breaks and tabs" : "cannot contain control characters such as NUL or a line break";
  }
  if (BIDI_CONTROL.test(value)) return "cannot contain text-direction override characters (U+202A–U+202E, U+2066–U+2069); retype it";
  if (LONE_SURROGATE.test(value)) return "holds a broken character (half of a surrogate pair); retype it";
  return null;
}

/**
 * A check for a name or other one-line text (`lines` for a note of several lines) that refuses
 * characters no person means to store; the message names the field and the kind of character.
 */
export const plainText =
  (what: string, lines = false) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(value, lines);
    if (problem) ctx.addIssue({ code: "custom", message: `${what} ${problem}` });
  };

// The Log a call form as typed, and turning it into CallLogInput checked by the schema the server uses.
import { z } from "zod";
import { callStartProblem, CallLogInput, type CallDirection, type CallOutcome } from "@intake/domain";
import { firstMessages, type FieldErrors } from "../../api/errors.ts";
import { fromClinicInputValue, toClinicInputValue } from "../../ui/clinicTime.ts";
import { parseDuration } from "./duration.ts";

export interface CallDraft {
  direction: CallDirection;
  phone: string;
  callerName: string;
  outcome: CallOutcome;
  duration: string;
  /** `datetime-local` value on the clinic's clock. */
  startedAt: string;
  /** Until someone edits it, "started at" is when the form was first opened for this call. */
  startedAtEdited: boolean;
  /**
   * When the form was first opened for this call (ms), taken as the moment it was answered: the
   * timer runs from here, and a duration left empty is filled from it on saving. Null until opened.
   */
  answeredAt: number | null;
  /** A line id, or "" for the listed line. */
  lineId: string;
  notes: string;
}

/** The input's field names in the order the form asks for them: the first invalid one gets focus. */
export const CALL_FIELDS = ["direction", "otherNumber", "callerName", "outcome", "durationSeconds", "startedAt", "lineId", "notes"] as const;
export type CallField = (typeof CALL_FIELDS)[number];

export function newDraft(now: Date): CallDraft {
  return {
    direction: "inbound",
    phone: "",
    callerName: "",
    // Most calls logged at the desk are ones the coordinator just answered.
    outcome: "connected",
    duration: "",
    startedAt: toClinicInputValue(now),
    startedAtEdited: false,
    answeredAt: null,
    lineId: "",
    notes: "",
  };
}

export type DraftCheck = { ok: true; input: CallLogInput } | { ok: false; errors: FieldErrors<CallField> };

/** Seconds the call has run by the timer, while it runs: opened for a live call, start not typed. */
export function timerSeconds(draft: CallDraft, now: Date): number | null {
  if (draft.answeredAt === null || draft.startedAtEdited) return null;
  return Math.max(0, Math.round((now.getTime() - draft.answeredAt) / 1000));
}

export function checkDraft(draft: CallDraft, now: Date = new Date()): DraftCheck {
  // Left empty while the timer runs, the duration is the timer's.
  const timed = draft.duration.trim() === "" ? timerSeconds(draft, now) : null;
  const durationSeconds = timed ?? parseDuration(draft.duration);
  const startedAt = fromClinicInputValue(draft.startedAt);
  // Missing pieces go in as undefined so the schema reports every problem at once, not just the first.
  const parsed = CallLogInput.safeParse({
    direction: draft.direction,
    otherNumber: draft.phone,
    startedAt: startedAt ?? undefined,
    durationSeconds: durationSeconds ?? undefined,
    outcome: draft.outcome,
    callerName: draft.callerName.trim() || undefined,
    notes: draft.notes.trim() || undefined,
    lineId: draft.lineId ? Number(draft.lineId) : undefined,
  });
  const errors: FieldErrors<CallField> = parsed.success ? {} : firstMessages(z.flattenError(parsed.error).fieldErrors);
  // The schema speaks in seconds and Dates; the person typed "4:30" and a clock time, so say it their way.
  if (durationSeconds === null) {
    errors.durationSeconds = draft.duration.trim()
      ? "Write the duration as minutes:seconds (4:30) or whole minutes (4)"
      : "Enter how long the call lasted, for example 4:30 (0 for a missed call)";
  }
  if (startedAt === null) errors.startedAt = "Enter the date and time the call started";
  // The same rule the server applies with its clock; this one reads the browser's.
  const late = startedAt && callStartProblem(startedAt, new Date());
  if (late) errors.startedAt ??= late;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

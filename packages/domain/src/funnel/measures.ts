// What one lead contributes to the funnel, derived from its history: the rows the funnel counts.
import type { AppointmentStatus } from "../scheduling/appointment.ts";
import type { CallDirection, CallOutcome } from "../call/call.ts";
import { isContactAttempt } from "../call/call.ts";
import { CLOSED_REASONS, type ClosedReason, type LeadStatus } from "../lead/lifecycle.ts";
import { FUNNEL_STAGES, STATUS_STAGE } from "./funnel.ts";

/**
 * The measures stored per lead (one row each in `funnel_measure`). The ids are stored, so they
 * never change meaning; new measures take new ids (at most 15: a row's key is lead id × 16 + id).
 *
 * - 0 inquiry: every lead, value 0.
 * - 1..7: the stage of that index was reached; value = ms from the lead's creation to the first
 *   event into that stage or a later one.
 * - 8 speed to lead: ms from the inquiry to the first contact attempt.
 * - 9..12: counts (inbound calls, connected inbound calls, consults attended, consults missed);
 *   a row only when the count is above zero, holding the count as its weight (below).
 * - 13 closed: the lead is closed now; value = the reason's index in CLOSED_REASONS.
 * - 14, 15: counts of consults the caller confirmed by text (replied C) that were attended / missed.
 *
 * A row's weight is what it adds to the cohort's figure: 1 for every measure but the counts, whose
 * weight is the count itself (their value and bucket stay 0). The funnel only ever sums a count
 * over the cohort, and a call that adds to a lead's count then changes no column any index of
 * `funnel_measure` holds: the row keeps its place, and only the weight is rewritten.
 */
export const MEASURE = {
  inquiry: 0,
  speedToLead: 8,
  inboundCalls: 9,
  connectedCalls: 10,
  consultsAttended: 11,
  consultsNoShow: 12,
  closed: 13,
  confirmedAttended: 14,
  confirmedNoShow: 15,
} as const;
/** Measure id of "reached stage k" (k = 1..7, the index in FUNNEL_STAGES). */
export const stageMeasure = (stageIndex: number) => stageIndex;
export const MEASURE_COUNT = 16;
/** Each count measure and the fact of the lead it counts: one list for what is written and what is summed. */
const COUNT_FACTS = [
  [MEASURE.inboundCalls, "inboundCalls"],
  [MEASURE.connectedCalls, "connectedCalls"],
  [MEASURE.consultsAttended, "consultsAttended"],
  [MEASURE.consultsNoShow, "consultsNoShow"],
  [MEASURE.confirmedAttended, "confirmedAttended"],
  [MEASURE.confirmedNoShow, "confirmedNoShow"],
] as const satisfies readonly (readonly [number, keyof LeadFacts])[];
/** The count measures: a row's weight is the count (see above). */
export const COUNT_MEASURES: readonly number[] = COUNT_FACTS.map(([measure]) => measure);
/** Measures whose value is a duration in ms (bucketed on a log scale); the others are small counts or codes. */
export const DURATION_MEASURES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, MEASURE.speedToLead];

/**
 * Durations are grouped into buckets of about 13 % width (8 per e-fold of seconds), so a median
 * is found by counting whole buckets and then reading the exact values of one small bucket.
 * Bucket 0 is "no time at all"; two years fall in bucket 144.
 */
export function durationBucket(ms: number): number {
  return ms <= 0 ? 0 : 1 + Math.floor(8 * Math.log1p(ms / 1000));
}

export function bucketOf(measure: number, value: number): number {
  return DURATION_MEASURES.includes(measure) ? durationBucket(value) : value;
}

export interface LeadHistory {
  createdAt: number;
  createdById: number | null;
  status: LeadStatus;
  closedReason: ClosedReason | null;
  /** Status changes, in any order. */
  events: readonly { toStatus: LeadStatus; at: number; actorId: number | null }[];
  calls: readonly { direction: CallDirection; outcome: CallOutcome; startedAt: number }[];
  /** Statuses of the lead's consult appointments. */
  consults: readonly AppointmentStatus[];
  /** Statuses of those the caller confirmed by replying C to a text reminder. */
  confirmedConsults?: readonly AppointmentStatus[];
}

export interface LeadFacts {
  /** Furthest stage index reached (0 = inquiry only). */
  reached: number;
  /** When each stage was first reached (ms), by stage index; null where not reached. */
  stageAt: (number | null)[];
  /** Who made the first contact (moved the lead to contacting), else who logged the inquiry. */
  coordinatorId: number | null;
  speedToLeadMs: number | null;
  inboundCalls: number;
  connectedCalls: number;
  consultsAttended: number;
  consultsNoShow: number;
  confirmedAttended: number;
  confirmedNoShow: number;
  closedReason: ClosedReason | null;
}

const minOf = (a: number | null, b: number) => (a === null || b < a ? b : a);

/**
 * The funnel's view of one lead, following docs/domain.md "Funnel":
 * - a stage is reached by the first event into it or into a later stage (needs_review is
 *   screened; a closed or reopened lead keeps what it reached);
 * - speed to lead runs from the inquiry — the earlier of the first inbound call's start and the
 *   lead's creation — to the first contact attempt: the earlier of the first outbound or connected
 *   call's start and the first move to contacting. It is defined only once the lead was contacted.
 */
export function leadFacts(h: LeadHistory): LeadFacts {
  const stageAt: (number | null)[] = FUNNEL_STAGES.map(() => null);
  stageAt[0] = h.createdAt;
  let reached = 0;
  let firstContact: { at: number; actorId: number | null } | null = null;
  for (const e of h.events) {
    const stage = STATUS_STAGE[e.toStatus];
    if (stage !== null) {
      reached = Math.max(reached, stage);
      for (let k = 1; k <= stage; k++) stageAt[k] = minOf(stageAt[k]!, e.at);
    }
    if (e.toStatus === "contacting" && (firstContact === null || e.at < firstContact.at)) firstContact = { at: e.at, actorId: e.actorId };
  }
  let firstInbound: number | null = null;
  let firstAttempt: number | null = null;
  let inboundCalls = 0;
  let connectedCalls = 0;
  for (const c of h.calls) {
    if (c.direction === "inbound") {
      inboundCalls++;
      if (c.outcome === "connected") connectedCalls++;
      firstInbound = minOf(firstInbound, c.startedAt);
    }
    if (isContactAttempt(c.direction, c.outcome)) firstAttempt = minOf(firstAttempt, c.startedAt);
  }
  let speedToLeadMs: number | null = null;
  const contactedAt = stageAt[1];
  if (contactedAt !== null && contactedAt !== undefined) {
    const inquiry = minOf(firstInbound, h.createdAt);
    const attempt = minOf(firstAttempt, contactedAt);
    speedToLeadMs = Math.max(0, attempt - inquiry);
  }
  return {
    reached,
    stageAt,
    coordinatorId: firstContact?.actorId ?? h.createdById,
    speedToLeadMs,
    inboundCalls,
    connectedCalls,
    consultsAttended: h.consults.filter((s) => s === "attended").length,
    consultsNoShow: h.consults.filter((s) => s === "no_show").length,
    confirmedAttended: (h.confirmedConsults ?? []).filter((s) => s === "attended").length,
    confirmedNoShow: (h.confirmedConsults ?? []).filter((s) => s === "no_show").length,
    closedReason: h.status === "closed" ? h.closedReason : null,
  };
}

export interface MeasureRow {
  measure: number;
  value: number;
  bucket: number;
  /** What the row adds to the cohort's histogram: 1, or a count measure's count. */
  weight: number;
}

/** The rows a lead contributes to `funnel_measure`. */
export function leadMeasures(f: LeadFacts): MeasureRow[] {
  const rows: MeasureRow[] = [{ measure: MEASURE.inquiry, value: 0, bucket: 0, weight: 1 }];
  const created = f.stageAt[0]!;
  for (let k = 1; k < FUNNEL_STAGES.length; k++) {
    const at = f.stageAt[k];
    if (at !== null && at !== undefined) rows.push(row(stageMeasure(k), Math.max(0, at - created)));
  }
  if (f.speedToLeadMs !== null) rows.push(row(MEASURE.speedToLead, f.speedToLeadMs));
  for (const [measure, fact] of COUNT_FACTS) if (f[fact] > 0) rows.push({ measure, value: 0, bucket: 0, weight: f[fact] });
  if (f.closedReason) rows.push(row(MEASURE.closed, CLOSED_REASONS.indexOf(f.closedReason)));
  return rows;
}

function row(measure: number, value: number): MeasureRow {
  return { measure, value, bucket: bucketOf(measure, value), weight: 1 };
}

// The conversion funnel of docs/domain.md: its stages, which status reaches which stage, and the arithmetic.
import type { LeadStatus } from "../lead/lifecycle.ts";

export const FUNNEL_STAGES = ["inquiry", "contacted", "screened", "eligible", "handed_off", "scheduled", "consulted", "in_treatment"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  inquiry: "Inquiry",
  contacted: "Contacted",
  screened: "Screened",
  eligible: "Eligible",
  handed_off: "Handed off",
  scheduled: "Scheduled",
  consulted: "Consulted",
  in_treatment: "In treatment",
};

/**
 * The furthest stage a status stands for. `needs_review` is screened but not (yet) eligible;
 * `closed` stands for no stage: a closed lead keeps the furthest stage it reached before.
 */
export const STATUS_STAGE: Record<LeadStatus, number | null> = {
  new: 0,
  contacting: 1,
  screening: 2,
  needs_review: 2,
  eligible: 3,
  handed_off: 4,
  scheduled: 5,
  consulted: 6,
  in_treatment: 7,
  closed: null,
};

/** Stages newly reached when a lead that had reached `reached` (index, -1 for none) moves to `to`. */
export function stagesReached(reached: number, to: LeadStatus): FunnelStage[] {
  const target = STATUS_STAGE[to];
  if (target === null || target <= reached) return [];
  return FUNNEL_STAGES.slice(reached + 1, target + 1);
}

/** Median of sorted numbers (mean of the middle two for an even count); null when empty. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0–100) of sorted numbers; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1]!;
}

/** A share as a fraction 0–1, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
export const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

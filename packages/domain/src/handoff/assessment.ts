// The assessment line of a handoff note, written from a completed screening for the one who receives
// it: a clinician reads the result, flags in words, scores and notes; scheduling reads the result and
// flags only (docs/domain.md, "People and what they may see": a scheduler may read the screening result and
// flags, not the answers or clinical notes — and the scores are worked out from the answers).
import { SCREENING_RESULT_LABELS, type ScreeningResult } from "../screening/rules.ts";
import type { HandoffTarget } from "./handoff.ts";

export interface AssessmentSource {
  result: string | null;
  flags: readonly { label: string }[] | null;
  scores: { peg?: number; phq9?: { total: number; severity: string }; gad7?: { total: number; severity: string } } | Record<string, unknown> | null;
  notes: readonly string[] | null;
}

/**
 * What the receiver at `to` reads at a glance; the handoff form previews it with this same function.
 * Only a clinician (named or the pool) is given the scores and the notes for the clinician.
 */
export function screeningAssessment(row: AssessmentSource, to: HandoffTarget): string {
  if (!row.result) return "Screening not completed.";
  const parts = [`Screening result: ${SCREENING_RESULT_LABELS[row.result as ScreeningResult] ?? row.result}.`];
  const flags = row.flags ?? [];
  parts.push(flags.length ? `Flags: ${flags.map((f) => f.label).join("; ")}.` : "No flags.");
  if (!readsClinicalDetail(to)) return parts.join(" ");
  const scores = (row.scores ?? {}) as { peg?: number; phq9?: { total: number; severity: string }; gad7?: { total: number; severity: string } };
  if (scores.peg !== undefined) parts.push(`PEG ${scores.peg}/10.`);
  if (scores.phq9) parts.push(`PHQ-9 ${scores.phq9.total} (${scores.phq9.severity.replace("_", " ")}).`);
  if (scores.gad7) parts.push(`GAD-7 ${scores.gad7.total} (${scores.gad7.severity}).`);
  if (row.notes?.length) parts.push(`Notes: ${row.notes.join("; ")}.`);
  return parts.join(" ");
}

// The clinical receivers are named, rather than "anyone but scheduling": a receiver added later reads
// the short line until someone decides it may read more.
function readsClinicalDetail(to: HandoffTarget): boolean {
  return to === "clinician" || to === "clinical_pool";
}

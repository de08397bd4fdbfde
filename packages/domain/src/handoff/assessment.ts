// The assessment line of a handoff note, written from a completed screening: result, flags in words, scores.
import { SCREENING_RESULT_LABELS, type ScreeningResult } from "../screening/rules.ts";

export interface AssessmentSource {
  result: string | null;
  flags: readonly { label: string }[] | null;
  scores: { peg?: number; phq9?: { total: number; severity: string }; gad7?: { total: number; severity: string } } | Record<string, unknown> | null;
  notes: readonly string[] | null;
}

/** What a receiver reads at a glance; the dashboard previews it with this same function. */
export function screeningAssessment(row: AssessmentSource): string {
  if (!row.result) return "Screening not completed.";
  const parts = [`Screening result: ${SCREENING_RESULT_LABELS[row.result as ScreeningResult] ?? row.result}.`];
  const flags = row.flags ?? [];
  parts.push(flags.length ? `Flags: ${flags.map((f) => f.label).join("; ")}.` : "No flags.");
  const scores = (row.scores ?? {}) as { peg?: number; phq9?: { total: number; severity: string }; gad7?: { total: number; severity: string } };
  if (scores.peg !== undefined) parts.push(`PEG ${scores.peg}/10.`);
  if (scores.phq9) parts.push(`PHQ-9 ${scores.phq9.total} (${scores.phq9.severity.replace("_", " ")}).`);
  if (scores.gad7) parts.push(`GAD-7 ${scores.gad7.total} (${scores.gad7.severity}).`);
  if (row.notes?.length) parts.push(`Notes: ${row.notes.join("; ")}.`);
  return parts.join(" ");
}

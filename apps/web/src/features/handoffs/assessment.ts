// The assessment line the server writes into a handoff when the coordinator leaves it empty,
// computed here too so the coordinator sees the very words the receiver will read.
import { SCREENING_RESULT_LABELS } from "@intake/domain";
import { severityWords, type ScreeningSummary } from "../screening/results.ts";

/** Mirrors the API's screeningAssessment (packages/api/src/services/handoff.ts) word for word. */
export function assessmentPreview(summary: ScreeningSummary): string {
  const parts = [`Screening result: ${SCREENING_RESULT_LABELS[summary.result]}.`];
  parts.push(summary.flags.length ? `Flags: ${summary.flags.map((f) => f.label).join("; ")}.` : "No flags.");
  const { peg, phq9, gad7 } = summary.scores;
  if (peg !== undefined) parts.push(`PEG ${peg}/10.`);
  if (phq9) parts.push(`PHQ-9 ${phq9.total} (${phq9.severity.replace("_", " ")}).`);
  if (gad7) parts.push(`GAD-7 ${gad7.total} (${severityWords(gad7.severity)}).`);
  if (summary.notes.length) parts.push(`Notes: ${summary.notes.join("; ")}.`);
  return parts.join(" ");
}

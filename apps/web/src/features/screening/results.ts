// How a screening result reads on screen: its words, its tone, the scores in words, and the stored
// result of a completed screen read back safely.
import { z } from "zod";
import { SCREENING_RESULTS, SCREENING_RESULT_LABELS, type DraftEvaluation, type ScreeningResult } from "@intake/domain";

export type ResultTone = "urgent" | "closed" | "review" | "eligible" | "open";

export const RESULT_TONE: Record<ScreeningResult | "incomplete", ResultTone> = {
  urgent: "urgent",
  not_candidate: "closed",
  needs_review: "review",
  eligible: "eligible",
  incomplete: "open",
};

/** The running result's headline while the call goes on. */
export function runningHeadline(evaluation: Pick<DraftEvaluation, "result">): string {
  return evaluation.result === "incomplete" ? "Not finished — no flags so far" : SCREENING_RESULT_LABELS[evaluation.result];
}

/** Short words for the tag beside each flag. */
export const FLAG_TAG: Record<Exclude<ScreeningResult, "eligible">, string> = {
  urgent: "Urgent",
  not_candidate: "Rules out TMS",
  needs_review: "Needs review",
};

export function severityWords(severity: string): string {
  return severity.replace(/_/g, " ");
}

const Total = z.object({ total: z.number(), severity: z.string() });
export const StoredScores = z.object({ peg: z.number().optional(), phq9: Total.optional(), gad7: Total.optional() });
export type StoredScores = z.infer<typeof StoredScores>;

const StoredFlag = z.object({ id: z.string(), label: z.string(), result: z.enum(["urgent", "not_candidate", "needs_review"]) });
export type StoredFlag = z.infer<typeof StoredFlag>;

/** Flags as stored with a screening (or joined into a handoff), parsed; anything unreadable is left out. */
export function parseFlags(value: unknown): StoredFlag[] {
  const parsed = z.array(StoredFlag).safeParse(value ?? []);
  return parsed.success ? parsed.data : [];
}

/** A completed screen's result as the receiver reads it. */
export interface ScreeningSummary {
  result: ScreeningResult;
  flags: StoredFlag[];
  scores: StoredScores;
  notes: string[];
}

/**
 * The stored result of a screening row, or null while it is not complete. Stored JSON is parsed
 * rather than cast: a field the API types loosely must not break the screen if it changes shape.
 */
export function summaryOf(row: { result: string | null; flags: unknown; scores: unknown; notes: unknown }): ScreeningSummary | null {
  const result = SCREENING_RESULTS.find((r) => r === row.result);
  if (!result) return null;
  const scores = StoredScores.safeParse(row.scores ?? {});
  const notes = z.array(z.string()).safeParse(row.notes ?? []);
  return {
    result,
    flags: parseFlags(row.flags),
    scores: scores.success ? scores.data : {},
    notes: notes.success ? notes.data : [],
  };
}

/** Score lines in the order a clinician reads them: PEG, PHQ-9, GAD-7. */
export function scoreLines(scores: StoredScores): string[] {
  const lines: string[] = [];
  if (scores.peg !== undefined) lines.push(`PEG ${scores.peg.toFixed(1)} / 10`);
  if (scores.phq9) lines.push(`PHQ-9 ${scores.phq9.total} / 27 — ${severityWords(scores.phq9.severity)}`);
  if (scores.gad7) lines.push(`GAD-7 ${scores.gad7.total} / 21 — ${severityWords(scores.gad7.severity)}`);
  return lines;
}

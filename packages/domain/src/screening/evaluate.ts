// Turns screening answers into a result, its flags, the PEG/PHQ-9/GAD-7 scores and clinician notes:
// for a complete screen, live for a draft, and for stored answers by the form version they were given under.
import type { ScreeningAnswers, ScreeningDraft } from "./answers.ts";
import { ScreeningAnswers as ScreeningAnswersV1 } from "./answers.ts";
import { isIsoDate } from "./dates.ts";
import type { OfferedQuestionnaires } from "./form.ts";
import { SCREENING_FORM_VERSION, missingFields, toCompleteAnswers } from "./form.ts";
import { isAnswered } from "./paths.ts";
import type { FlagResult, RuleContext, RuleId, ScreeningResult, ScreeningRule } from "./rules.ts";
import { RULES, clinicianNotes, worstResult } from "./rules.ts";

export interface Flag {
  id: RuleId;
  label: string;
  result: FlagResult;
}

export const PHQ9_SEVERITIES = ["minimal", "mild", "moderate", "moderately_severe", "severe"] as const;
export type Phq9Severity = (typeof PHQ9_SEVERITIES)[number];
export const GAD7_SEVERITIES = ["minimal", "mild", "moderate", "severe"] as const;
export type Gad7Severity = (typeof GAD7_SEVERITIES)[number];

export interface Scores {
  /** Mean of the three PEG items, rounded to 1 decimal. */
  peg: number;
  phq9?: { total: number; severity: Phq9Severity };
  gad7?: { total: number; severity: Gad7Severity };
}

export interface ScreeningEvaluation {
  result: ScreeningResult;
  /** Every rule that fired, in RULES order (not only those that decided the result). */
  flags: Flag[];
  scores: Scores;
  notes: string[];
}

// ── Scores ──────────────────────────────────────────────────────────────────────────────────────

/** Integer items make sum×10/3 never end in exactly .5, so rounding has no tie to break. */
export function pegScore(peg: { average: number; enjoyment: number; activity: number }): number {
  return Math.round(((peg.average + peg.enjoyment + peg.activity) * 10) / 3) / 10;
}

function sum(items: readonly number[]): number {
  return items.reduce((a, b) => a + b, 0);
}

/** PHQ-9 total 0–27: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe. */
export function phq9Severity(total: number): Phq9Severity {
  if (total >= 20) return "severe";
  if (total >= 15) return "moderately_severe";
  if (total >= 10) return "moderate";
  if (total >= 5) return "mild";
  return "minimal";
}

/** GAD-7 total 0–21: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe. */
export function gad7Severity(total: number): Gad7Severity {
  if (total >= 15) return "severe";
  if (total >= 10) return "moderate";
  if (total >= 5) return "mild";
  return "minimal";
}

function allAnswered(items: readonly (number | null)[] | undefined): number[] | undefined {
  if (items === undefined || items.some((i) => i === null)) return undefined;
  return items as number[];
}

/** PHQ-9 and GAD-7 scores, each only when that questionnaire was given and all its items answered. */
function questionnaireScores(draft: ScreeningDraft): Pick<Scores, "phq9" | "gad7"> {
  const scores: Pick<Scores, "phq9" | "gad7"> = {};
  const phq9 = allAnswered(draft.wellbeing?.phq9);
  if (phq9) scores.phq9 = { total: sum(phq9), severity: phq9Severity(sum(phq9)) };
  const gad7 = allAnswered(draft.wellbeing?.gad7);
  if (gad7) scores.gad7 = { total: sum(gad7), severity: gad7Severity(sum(gad7)) };
  return scores;
}

function draftScores(draft: ScreeningDraft): Partial<Scores> {
  const peg = draft.pain?.peg;
  const scores: Partial<Scores> = questionnaireScores(draft);
  if (peg?.average !== undefined && peg.enjoyment !== undefined && peg.activity !== undefined) {
    scores.peg = pegScore({ average: peg.average, enjoyment: peg.enjoyment, activity: peg.activity });
  }
  return scores;
}

// ── Rules ───────────────────────────────────────────────────────────────────────────────────────

function checkOnDate(onDate: string): RuleContext {
  if (!isIsoDate(onDate)) throw new Error("onDate must be a real date written YYYY-MM-DD");
  return { onDate };
}

function toFlag(rule: ScreeningRule, answers: ScreeningAnswers, ctx: RuleContext): Flag {
  return { id: rule.id, label: rule.flagLabel ? rule.flagLabel(answers, ctx) : rule.label, result: rule.result };
}

/**
 * The result of a complete screen. Answers are trusted to match the schema (parse them first, or
 * use evaluateStored for anything read back from storage).
 */
export function evaluateScreening(answers: ScreeningAnswers, onDate: string): ScreeningEvaluation {
  const ctx = checkOnDate(onDate);
  const flags = RULES.filter((rule) => rule.fires(answers, ctx)).map((rule) => toFlag(rule, answers, ctx));
  return {
    result: worstResult(flags.map((f) => f.result)),
    flags,
    scores: { peg: pegScore(answers.pain.peg), ...questionnaireScores(answers) },
    notes: clinicianNotes(answers),
  };
}

// ── Drafts ──────────────────────────────────────────────────────────────────────────────────────

export interface DraftEvaluation {
  /**
   * The worst flag so far; 'eligible' only once the screen is complete and nothing fired, and
   * 'incomplete' while nothing has fired yet but answers are missing (no one should read "eligible"
   * off a half-done screen). Flags only ever add up as answers are added, so any flag shown here
   * stays in the final result unless an answer is changed.
   */
  result: ScreeningResult | "incomplete";
  flags: Flag[];
  complete: boolean;
  /** Required answer paths still missing (see missingFields). */
  missing: string[];
  /** The scores whose items are all answered so far. */
  scores: Partial<Scores>;
  notes: string[];
}

/**
 * What the coordinator sees live on the phone. A rule is evaluated only once every answer it reads
 * is present, so a half-answered draft never raises a flag from a guess. Once complete, this gives
 * exactly what evaluateScreening gives.
 */
export function evaluateDraft(draft: ScreeningDraft, onDate: string, options: OfferedQuestionnaires = {}): DraftEvaluation {
  const ctx = checkOnDate(onDate);
  const missing = missingFields(draft, options);
  const complete = toCompleteAnswers(draft, options);
  if (complete) return { ...evaluateScreening(complete, onDate), complete: true, missing };

  // Safe to hand a draft to `fires` as complete answers: each rule runs only when every path in its
  // `reads` is answered, and `fires` reads nothing else (rules.test.ts checks that for every rule).
  const asAnswers = draft as ScreeningAnswers;
  const flags = RULES.filter((rule) => rule.reads.every((path) => isAnswered(draft, path)))
    .filter((rule) => rule.fires(asAnswers, ctx))
    .map((rule) => toFlag(rule, asAnswers, ctx));
  return {
    result: flags.length > 0 ? worstResult(flags.map((f) => f.result)) : "incomplete",
    flags,
    complete: false,
    missing,
    scores: draftScores(draft),
    notes: clinicianNotes(draft),
  };
}

// ── Stored answers, by form version ─────────────────────────────────────────────────────────────

export interface StoredScreening {
  formVersion: number;
  answers: unknown;
}

/**
 * One evaluator per form version that ever existed. A new version adds an entry and leaves the old
 * ones alone, so answers keep the meaning of the form they were given under.
 */
const EVALUATORS: Readonly<Record<number, (answers: unknown, onDate: string) => ScreeningEvaluation>> = {
  [SCREENING_FORM_VERSION]: (answers, onDate) => {
    const parsed = ScreeningAnswersV1.safeParse(answers);
    if (!parsed.success) {
      // Paths only: the values are patient data.
      const paths = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
      throw new Error(`Stored screening answers do not match form version 1 at: ${paths}`);
    }
    return evaluateScreening(parsed.data, onDate);
  },
};

export const KNOWN_FORM_VERSIONS: readonly number[] = Object.keys(EVALUATORS).map(Number);

/** Evaluates answers read back from storage under the form version they were given with. */
export function evaluateStored(stored: StoredScreening, onDate: string): ScreeningEvaluation {
  const evaluate = Object.hasOwn(EVALUATORS, stored.formVersion) ? EVALUATORS[stored.formVersion] : undefined;
  if (!evaluate) {
    throw new Error(`Unknown screening form version ${String(stored.formVersion)}; known versions: ${KNOWN_FORM_VERSIONS.join(", ")}`);
  }
  return evaluate(stored.answers, onDate);
}

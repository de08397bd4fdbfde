// The screening rules as data (docs/domain.md "Result"): which answers raise which flag, and the notes a
// clinician sees that are not flags. Pure: the date of the screen comes in as ctx.onDate.
import type { BodyImplant, HeadImplant, ScreeningAnswers, ScreeningDraft } from "./answers.ts";
import { BODY_IMPLANT_LABELS, HEAD_IMPLANT_LABELS } from "./answers.ts";
import { ageOn } from "./dates.ts";

// ── Results ─────────────────────────────────────────────────────────────────────────────────────

/** Worst first: an earlier result overrides a later one. */
export const SCREENING_RESULTS = ["urgent", "not_candidate", "needs_review", "eligible"] as const;
export type ScreeningResult = (typeof SCREENING_RESULTS)[number];
/** What a single rule can raise; `eligible` is only ever the absence of flags. */
export type FlagResult = Exclude<ScreeningResult, "eligible">;

export const SCREENING_RESULT_LABELS: Record<ScreeningResult, string> = {
  urgent: "Urgent — follow crisis steps now",
  not_candidate: "Not a candidate",
  needs_review: "Needs clinician review",
  eligible: "Eligible",
};

/** 0 for urgent … 3 for eligible: a lower rank is a worse (more restrictive) result. */
export function resultRank(result: ScreeningResult): number {
  return SCREENING_RESULTS.indexOf(result);
}

/** The result that wins by precedence (urgent > not_candidate > needs_review > eligible). */
export function worstResult(results: Iterable<ScreeningResult>): ScreeningResult {
  let worst: ScreeningResult = "eligible";
  for (const r of results) if (resultRank(r) < resultRank(worst)) worst = r;
  return worst;
}

// ── Seizure-threshold medications ───────────────────────────────────────────────────────────────

/**
 * Medications that lower the seizure threshold, by generic name and the brand names callers say.
 * The list is the docs/domain.md minimum plus a few more brands of the same drugs; adding a drug is a
 * clinical decision, so it is not done here.
 */
export const SEIZURE_THRESHOLD_MEDICATIONS = [
  {
    generic: "bupropion",
    names: ["bupropion", "Wellbutrin", "Zyban", "Aplenzin", "Forfivo", "Contrave", "Mysimba", "Auvelity", "Budeprion"],
  },
  { generic: "tramadol", names: ["tramadol", "Ultram", "ConZip", "Ultracet", "Qdolo", "Seglentis"] },
  { generic: "clozapine", names: ["clozapine", "Clozaril", "Versacloz", "FazaClo"] },
  { generic: "chlorpromazine", names: ["chlorpromazine", "Thorazine", "Largactil"] },
  {
    generic: "theophylline",
    // Aminophylline is theophylline in another salt: same effect on the seizure threshold.
    names: ["theophylline", "Theo-24", "Elixophyllin", "Uniphyl", "Uniphyllin", "Theochron", "Theo-Dur", "aminophylline"],
  },
] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A name matches as a whole word in any case: "Wellbutrin XL 150mg" and "bupropion/naltrexone"
 * match, "bupropionX" does not (a different word is not the drug). A hyphen inside a brand may be
 * written as a space or left out ("Theo-24", "Theo 24", "Theo24").
 */
const MEDICATION_PATTERNS = SEIZURE_THRESHOLD_MEDICATIONS.map(({ generic, names }) => {
  const alternatives = names.map((name) => escapeRegExp(name).replace(/-/g, "[-\\s]?")).join("|");
  return { generic, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu") };
});

/** The generic names of the seizure-threshold medications found in the list, in table order, once each. */
export function matchSeizureThresholdMedications(medications: readonly string[]): string[] {
  return MEDICATION_PATTERNS.filter(({ pattern }) => medications.some((entry) => pattern.test(entry))).map(({ generic }) => generic);
}

// ── Rules ───────────────────────────────────────────────────────────────────────────────────────

export interface RuleContext {
  /** The day of the screen, 'YYYY-MM-DD' (ages are taken on this day). */
  onDate: string;
}

export const RULE_IDS = [
  "suicidal_ideation",
  "safety_concern",
  "head_implant",
  "body_implant",
  "pregnancy",
  "seizure_history",
  "family_epilepsy",
  "brain_injury",
  "severe_headaches",
  "prior_tms_problems",
  "seizure_threshold_medication",
  "pain_under_three_months",
  "under_18",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface ScreeningRule {
  /** Stable: stored with flags and with a lead closed as not a candidate. Never reuse or rename. */
  id: RuleId;
  /** Words a clinician reads at a glance. Never holds the patient's name or date of birth. */
  label: string;
  result: FlagResult;
  /**
   * Every answer path `fires` reads. A draft is evaluated by a rule only once all of them are
   * answered, so `fires` must read nothing else (a test checks this).
   */
  reads: readonly string[];
  fires(answers: ScreeningAnswers, ctx: RuleContext): boolean;
  /** A more specific label for a rule that fired (e.g. which drug); same constraints as `label`. */
  flagLabel?(answers: ScreeningAnswers, ctx: RuleContext): string;
}

function listed<T extends string>(ids: readonly T[], labels: Record<T, string>): string {
  return ids.map((id) => labels[id].toLowerCase()).join(", ");
}

export const RULES: readonly ScreeningRule[] = [
  {
    id: "suicidal_ideation",
    label: "PHQ-9 item 9 above 0: thoughts of death or self-harm — follow crisis steps now",
    result: "urgent",
    reads: ["wellbeing.phq9[8]"],
    fires: (a) => (a.wellbeing.phq9?.[8] ?? 0) > 0,
  },
  {
    id: "safety_concern",
    label: "Coordinator marked a safety concern — follow crisis steps now",
    result: "urgent",
    reads: ["wellbeing.safetyConcern"],
    fires: (a) => a.wellbeing.safetyConcern,
  },
  {
    id: "head_implant",
    label: "Implanted device or metal in head or neck — TMS not possible",
    result: "not_candidate",
    reads: ["safety.headImplants"],
    fires: (a) => a.safety.headImplants.length > 0,
    flagLabel: (a) => `Implanted device or metal in head or neck (${listed<HeadImplant>(a.safety.headImplants, HEAD_IMPLANT_LABELS)}) — TMS not possible`,
  },
  {
    id: "body_implant",
    label: "Implanted medical device elsewhere in the body",
    result: "needs_review",
    reads: ["safety.bodyImplants"],
    fires: (a) => a.safety.bodyImplants.length > 0,
    flagLabel: (a) => `Implanted medical device elsewhere in the body (${listed<BodyImplant>(a.safety.bodyImplants, BODY_IMPLANT_LABELS)})`,
  },
  {
    id: "pregnancy",
    label: "Pregnant or possibly pregnant",
    result: "needs_review",
    reads: ["safety.pregnant"],
    fires: (a) => a.safety.pregnant !== "no",
    flagLabel: (a) => (a.safety.pregnant === "yes" ? "Pregnant" : "Possible pregnancy"),
  },
  {
    id: "seizure_history",
    label: "Has had a seizure or epilepsy",
    result: "needs_review",
    reads: ["safety.seizureHistory"],
    fires: (a) => a.safety.seizureHistory,
  },
  {
    id: "family_epilepsy",
    label: "Family history of epilepsy",
    result: "needs_review",
    reads: ["safety.familyEpilepsy"],
    fires: (a) => a.safety.familyEpilepsy,
  },
  {
    id: "brain_injury",
    label: "Brain damage from illness or injury (stroke, head injury with loss of consciousness)",
    result: "needs_review",
    reads: ["safety.brainInjury"],
    fires: (a) => a.safety.brainInjury,
  },
  {
    id: "severe_headaches",
    label: "Frequent or severe headaches",
    result: "needs_review",
    reads: ["safety.severeHeadaches"],
    fires: (a) => a.safety.severeHeadaches,
  },
  {
    id: "prior_tms_problems",
    label: "Had a problem with TMS before",
    result: "needs_review",
    reads: ["safety.priorTms"],
    fires: (a) => a.safety.priorTms === "yes_with_problems",
  },
  {
    id: "seizure_threshold_medication",
    label: "Takes a medication that lowers the seizure threshold",
    result: "needs_review",
    reads: ["safety.medications"],
    fires: (a) => matchSeizureThresholdMedications(a.safety.medications).length > 0,
    flagLabel: (a) => `Takes a medication that lowers the seizure threshold (${matchSeizureThresholdMedications(a.safety.medications).join(", ")})`,
  },
  {
    id: "pain_under_three_months",
    label: "Pain for less than 3 months — not yet chronic",
    result: "needs_review",
    reads: ["pain.durationMonths"],
    fires: (a) => a.pain.durationMonths < 3,
  },
  {
    id: "under_18",
    label: "Under 18 on the day of the screen",
    result: "needs_review",
    reads: ["caller.dateOfBirth"],
    fires: (a, ctx) => ageOn(a.caller.dateOfBirth, ctx.onDate) < 18,
  },
];

export function ruleById(id: RuleId): ScreeningRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`No screening rule with id ${id}`);
  return rule;
}

// ── Notes (shown to the clinician, never flags) ─────────────────────────────────────────────────

export interface ClinicianNote {
  id: "fainting" | "substance_use" | "other_conditions";
  text: string;
  reads: readonly string[];
  /** Takes a draft too: a note is shown as soon as the answer behind it is given. */
  applies(answers: ScreeningDraft): boolean;
}

export const NOTES: readonly ClinicianNote[] = [
  {
    id: "fainting",
    text: "Reports fainting spells",
    reads: ["safety.fainting"],
    applies: (a) => a.safety?.fainting === true,
  },
  {
    id: "substance_use",
    text: "Reports alcohol or substance use to cope",
    reads: ["wellbeing.substanceUse"],
    applies: (a) => a.wellbeing?.substanceUse === true,
  },
  {
    // The seed lists "certain other medical conditions" among those who cannot get TMS; free text
    // cannot be judged by a rule, so the clinician is told to read it.
    id: "other_conditions",
    text: "Lists other medical conditions — read them before clearing",
    reads: ["safety.otherConditions"],
    applies: (a) => (a.safety?.otherConditions ?? "").trim() !== "",
  },
];

/** The note texts that apply, in NOTES order. Accepts a complete screen or a draft. */
export function clinicianNotes(answers: ScreeningDraft): string[] {
  return NOTES.filter((note) => note.applies(answers)).map((note) => note.text);
}

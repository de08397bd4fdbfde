// The stored shape of screening answers (docs/domain.md, "Screening"): zod schemas for a complete screen
// and for an autosaved draft, and every choice list with the words a form shows for it.
import { z } from "zod";
import { plainText } from "../common.ts";
import { CALLER_RELATIONS } from "../lead/lead.ts";
import { isIsoDate } from "./dates.ts";

// ── Choice lists ────────────────────────────────────────────────────────────────────────────────
// Ids are stored; labels are what a coordinator reads. Labels may change, ids never do.

// Who is calling is a lead's own field (lead.ts owns the list); the screen stores the same ids.
// answers.test.ts pins the v1 values, so a change there cannot silently change old screens.

export const PAIN_FEELINGS = ["throbbing", "burning", "dull", "shooting", "stinging", "soreness", "stiffness"] as const;
export type PainFeeling = (typeof PAIN_FEELINGS)[number];
export const PAIN_FEELING_LABELS: Record<PainFeeling, string> = {
  throbbing: "Throbbing",
  burning: "Burning",
  dull: "Dull",
  shooting: "Shooting",
  stinging: "Stinging",
  soreness: "Soreness",
  stiffness: "Stiffness",
};

export const PAIN_PATTERNS = ["daily", "comes_and_goes"] as const;
export type PainPattern = (typeof PAIN_PATTERNS)[number];
export const PAIN_PATTERN_LABELS: Record<PainPattern, string> = {
  daily: "Every day",
  comes_and_goes: "Comes and goes",
};

export const PAIN_CAUSES = [
  "back_issues",
  "migraines_headaches",
  "arthritis",
  "injuries_surgeries",
  "nerve_damage",
  "inflammation",
  "infections",
  "past_trauma",
  "stroke",
  "cancer",
  "diabetes",
  "multiple_sclerosis",
  "amputation",
  "cytomegalovirus",
  "unknown",
] as const;
export type PainCause = (typeof PAIN_CAUSES)[number];
export const PAIN_CAUSE_LABELS: Record<PainCause, string> = {
  back_issues: "Back issues",
  migraines_headaches: "Migraines or recurring headaches",
  arthritis: "Arthritis",
  injuries_surgeries: "Former injuries or surgeries",
  nerve_damage: "Nerve damage",
  inflammation: "Inflammation",
  infections: "Infections",
  past_trauma: "Past trauma",
  stroke: "Stroke",
  cancer: "Cancer",
  diabetes: "Diabetes",
  multiple_sclerosis: "Multiple sclerosis",
  amputation: "Amputation",
  cytomegalovirus: "Cytomegalovirus",
  unknown: "Unknown",
};

export const PAIN_KINDS = ["nociceptive", "neuropathic", "unknown"] as const;
export type PainKind = (typeof PAIN_KINDS)[number];
export const PAIN_KIND_LABELS: Record<PainKind, string> = {
  nociceptive: "Nociceptive (from damage to the body, e.g. arthritis, surgery, injury)",
  neuropathic: "Neuropathic (nerve pain: the nervous system itself is damaged)",
  unknown: "Unknown",
};

export const TREATMENTS_TRIED = ["physical_therapy", "acupuncture", "lifestyle", "relaxation", "medication", "other"] as const;
export type TreatmentTried = (typeof TREATMENTS_TRIED)[number];
export const TREATMENT_TRIED_LABELS: Record<TreatmentTried, string> = {
  physical_therapy: "Physical therapy",
  acupuncture: "Acupuncture",
  lifestyle: "Lifestyle changes",
  relaxation: "Relaxation therapy",
  medication: "Medications",
  other: "Other",
};

export const TREATMENT_OUTCOMES = ["yes", "partly", "no"] as const;
export type TreatmentOutcome = (typeof TREATMENT_OUTCOMES)[number];
export const TREATMENT_OUTCOME_LABELS: Record<TreatmentOutcome, string> = {
  yes: "Yes, it helped",
  partly: "It helped partly",
  no: "No, it did not help",
};

export const SYMPTOMS = ["appetite", "fatigue", "weakness", "mood", "sleep", "tense_muscles"] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  appetite: "Less or more appetite",
  fatigue: "Fatigue or lack of energy",
  weakness: "Weakness",
  mood: "Mood changes",
  sleep: "Trouble sleeping",
  tense_muscles: "Tense muscles",
};

export const CONDITIONS = ["depression", "stress", "anxiety"] as const;
export type Condition = (typeof CONDITIONS)[number];
export const CONDITION_LABELS: Record<Condition, string> = {
  depression: "Depression",
  stress: "Stress",
  anxiety: "Anxiety",
};

export const HEAD_IMPLANTS = [
  "cochlear_implant",
  "brain_stimulator",
  "vagus_nerve_stimulator",
  "aneurysm_clip",
  "shunt",
  "stent",
  "metal_fragments",
  "other",
] as const;
export type HeadImplant = (typeof HEAD_IMPLANTS)[number];
export const HEAD_IMPLANT_LABELS: Record<HeadImplant, string> = {
  cochlear_implant: "Cochlear implant",
  brain_stimulator: "Deep brain or other brain stimulator",
  vagus_nerve_stimulator: "Vagus nerve stimulator",
  aneurysm_clip: "Aneurysm clips or coils",
  shunt: "Shunt",
  stent: "Stents",
  metal_fragments: "Metal fragments (bullet, shrapnel, metal work)",
  other: "Other metal or implant in the head or neck (not dental fillings)",
};

export const BODY_IMPLANTS = ["pacemaker", "defibrillator", "spinal_cord_stimulator", "medication_pump", "other"] as const;
export type BodyImplant = (typeof BODY_IMPLANTS)[number];
export const BODY_IMPLANT_LABELS: Record<BodyImplant, string> = {
  pacemaker: "Pacemaker",
  defibrillator: "Defibrillator (ICD)",
  spinal_cord_stimulator: "Spinal cord stimulator",
  medication_pump: "Medication pump",
  other: "Other implanted device",
};

export const PREGNANCY_ANSWERS = ["no", "yes", "possible"] as const;
export type PregnancyAnswer = (typeof PREGNANCY_ANSWERS)[number];
export const PREGNANCY_LABELS: Record<PregnancyAnswer, string> = {
  no: "No",
  yes: "Yes",
  possible: "Could be",
};

export const PRIOR_TMS_ANSWERS = ["no", "yes_no_problems", "yes_with_problems"] as const;
export type PriorTmsAnswer = (typeof PRIOR_TMS_ANSWERS)[number];
export const PRIOR_TMS_LABELS: Record<PriorTmsAnswer, string> = {
  no: "No",
  yes_no_problems: "Yes, with no problems",
  yes_with_problems: "Yes, and had a problem with it",
};

export const PAYMENT_OPTIONS = ["insurance", "self_pay", "unknown"] as const;
export type PaymentOption = (typeof PAYMENT_OPTIONS)[number];
export const PAYMENT_LABELS: Record<PaymentOption, string> = {
  insurance: "Insurance plan",
  self_pay: "Self-pay",
  unknown: "Not sure yet",
};

/** PHQ-9 and GAD-7 share these answers: how often over the last 2 weeks. */
export const FREQUENCY_SCORES = [0, 1, 2, 3] as const;
export type FrequencyScore = (typeof FREQUENCY_SCORES)[number];
export const FREQUENCY_LABELS: Record<FrequencyScore, string> = {
  0: "Not at all",
  1: "Several days",
  2: "More than half the days",
  3: "Nearly every day",
};

export const PHQ9_ITEM_COUNT = 9;
export const GAD7_ITEM_COUNT = 7;

// ── Limits ──────────────────────────────────────────────────────────────────────────────────────

export const MAX_NAME_LENGTH = 200;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_LIST_LENGTH = 50;
/** 100 years: anything longer is a typing slip, not a history. */
export const MAX_DURATION_MONTHS = 1200;

// ── Field schemas ───────────────────────────────────────────────────────────────────────────────
// Every message says what to write instead and never repeats the value given: answers are patient
// data, and messages end up in logs and toasts.

function choice<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: `Choose ${what}: one of ${values.join(", ")}` });
}

function choices<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .array(choice(values, what), { error: `Give ${what} as a list (it may be empty)` })
    .max(values.length, `List each of ${what} at most once`)
    .refine((list) => new Set(list).size === list.length, { error: `List each of ${what} at most once` });
}

function yesNo(question: string) {
  return z.boolean({ error: `Answer yes or no (true or false): ${question}` });
}

function shortText(what: string) {
  return z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(MAX_NAME_LENGTH, `Shorten ${what} to ${MAX_NAME_LENGTH} characters or fewer`)
    .superRefine(plainText(what.charAt(0).toUpperCase() + what.slice(1)));
}

function textList(what: string) {
  return z
    .array(shortText(`each of ${what}`), { error: `Give ${what} as a list (it may be empty)` })
    .max(MAX_LIST_LENGTH, `List at most ${MAX_LIST_LENGTH} of ${what}`);
}

const DATE_OF_BIRTH_MESSAGE = "Enter the date of birth as a real date written YYYY-MM-DD, for example 1980-04-23";
const DateOfBirth = z
  .string({ error: DATE_OF_BIRTH_MESSAGE })
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_OF_BIRTH_MESSAGE)
  .refine(isIsoDate, { error: DATE_OF_BIRTH_MESSAGE });

const PEG_MESSAGE = "Each PEG answer is a whole number from 0 to 10";
const PegItem = z.number({ error: PEG_MESSAGE }).int(PEG_MESSAGE).min(0, PEG_MESSAGE).max(10, PEG_MESSAGE);

const ITEM_MESSAGE = "Each questionnaire answer is a whole number from 0 (not at all) to 3 (nearly every day)";
const FrequencyItem = z.number({ error: ITEM_MESSAGE }).int(ITEM_MESSAGE).min(0, ITEM_MESSAGE).max(3, ITEM_MESSAGE);

function questionnaire(name: string, count: number, item: z.ZodType<number | null>) {
  const message = `${name} has exactly ${count} answers, one per question`;
  return z.array(item, { error: message }).length(count, message);
}

const DURATION_MESSAGE = `Enter how many months the pain has lasted, a number from 0 to ${MAX_DURATION_MONTHS}`;
const DurationMonths = z.number({ error: DURATION_MESSAGE }).min(0, DURATION_MESSAGE).max(MAX_DURATION_MONTHS, DURATION_MESSAGE);

/** Objects reject keys the form does not have, so a misspelt id fails loudly instead of being dropped. */
function section<const S extends z.core.$ZodLooseShape>(title: string, shape: S) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") return `Remove answers the "${title}" section does not have`;
      return issue.input === undefined ? `Answer the "${title}" section` : `Give the "${title}" answers as an object`;
    },
  });
}

// ── Sections ────────────────────────────────────────────────────────────────────────────────────

export const CallerAnswers = section("Caller and consent", {
  relation: choice(CALLER_RELATIONS, "who is calling"),
  patientName: shortText("the patient's name"),
  dateOfBirth: DateOfBirth,
  voicemailOk: yesNo("may we leave a voicemail?"),
  textOk: yesNo("may we send text messages?"),
  heardFrom: shortText("how they heard of the clinic"),
  referringProvider: shortText("the referring provider").optional(),
});

export const PegAnswers = section("PEG pain scale", {
  average: PegItem,
  enjoyment: PegItem,
  activity: PegItem,
});

export const PainAnswers = section("Pain", {
  durationMonths: DurationMonths,
  locations: textList("the places it hurts"),
  feelings: choices(PAIN_FEELINGS, "how the pain feels"),
  pattern: choice(PAIN_PATTERNS, "how often it hurts"),
  causes: choices(PAIN_CAUSES, "the known causes"),
  kind: choice(PAIN_KINDS, "the kind of pain"),
  peg: PegAnswers,
});

export const TriedAnswers = section("What they have tried", {
  treatments: choices(TREATMENTS_TRIED, "the treatments tried"),
  helped: choice(TREATMENT_OUTCOMES, "whether it helped"),
});

const wellbeingShape = {
  symptoms: choices(SYMPTOMS, "the symptoms"),
  conditions: choices(CONDITIONS, "the conditions"),
  substanceUse: yesNo("any alcohol or substance use to cope?"),
  phq9: questionnaire("PHQ-9", PHQ9_ITEM_COUNT, FrequencyItem).optional(),
  gad7: questionnaire("GAD-7", GAD7_ITEM_COUNT, FrequencyItem).optional(),
  safetyConcern: yesNo("does the coordinator have a safety concern?"),
};
export const WellbeingAnswers = section("Wellbeing", wellbeingShape);

export const SafetyAnswers = section("TMS safety", {
  headImplants: choices(HEAD_IMPLANTS, "the implants or metal in the head or neck"),
  bodyImplants: choices(BODY_IMPLANTS, "the implanted devices elsewhere"),
  pregnant: choice(PREGNANCY_ANSWERS, "whether the patient is or could be pregnant"),
  seizureHistory: yesNo("ever had a seizure or epilepsy?"),
  familyEpilepsy: yesNo("family history of epilepsy?"),
  brainInjury: yesNo("brain damage from illness or injury, or a head injury with loss of consciousness?"),
  severeHeadaches: yesNo("frequent or severe headaches?"),
  fainting: yesNo("fainting spells?"),
  priorTms: choice(PRIOR_TMS_ANSWERS, "whether they had TMS before"),
  medications: textList("the current medications and supplements"),
  otherConditions: z
    .string({ error: "Enter other medical conditions as text (empty when there are none)" })
    .trim()
    .max(MAX_TEXT_LENGTH, `Shorten other medical conditions to ${MAX_TEXT_LENGTH} characters or fewer`)
    .superRefine(plainText("Other medical conditions", true)),
});

export const ReadinessAnswers = section("Readiness", {
  understandsCourse: yesNo("understands the course of 25–30 sessions?"),
  understandsOffLabel: yesNo("understands TMS for pain is off-label?"),
  canAttendPrework: yesNo("can attend the physical exam, lab tests and psychiatric evaluation?"),
  payment: choice(PAYMENT_OPTIONS, "how they would pay"),
});

// ── Whole screen ────────────────────────────────────────────────────────────────────────────────

/** A complete screen: what the result is computed from and what is stored once the screen ends. */
export const ScreeningAnswers = section("Screening", {
  caller: CallerAnswers,
  pain: PainAnswers,
  tried: TriedAnswers,
  wellbeing: WellbeingAnswers,
  safety: SafetyAnswers,
  readiness: ReadinessAnswers,
});
export type ScreeningAnswers = z.infer<typeof ScreeningAnswers>;
export type CallerAnswers = z.infer<typeof CallerAnswers>;
export type PainAnswers = z.infer<typeof PainAnswers>;
export type PegAnswers = z.infer<typeof PegAnswers>;
export type TriedAnswers = z.infer<typeof TriedAnswers>;
export type WellbeingAnswers = z.infer<typeof WellbeingAnswers>;
export type SafetyAnswers = z.infer<typeof SafetyAnswers>;
export type ReadinessAnswers = z.infer<typeof ReadinessAnswers>;

/**
 * An in-progress screen as autosaved: any section or field may be missing, but every field that is
 * there is valid. Two differences from a complete screen, both so a half-asked questionnaire can be
 * saved: PHQ-9 and GAD-7 items may be null (not asked yet), and the PEG group may be partial.
 * A PHQ-9 or GAD-7 array being present is how a draft records that the questionnaire was offered.
 */
export const ScreeningDraft = section("Screening", {
  caller: CallerAnswers.partial().optional(),
  pain: PainAnswers.extend({ peg: PegAnswers.partial() }).partial().optional(),
  tried: TriedAnswers.partial().optional(),
  wellbeing: WellbeingAnswers.extend({
    phq9: questionnaire("PHQ-9", PHQ9_ITEM_COUNT, FrequencyItem.nullable()),
    gad7: questionnaire("GAD-7", GAD7_ITEM_COUNT, FrequencyItem.nullable()),
  })
    .partial()
    .optional(),
  safety: SafetyAnswers.partial().optional(),
  readiness: ReadinessAnswers.partial().optional(),
});
export type ScreeningDraft = z.infer<typeof ScreeningDraft>;

export type SectionId = keyof ScreeningAnswers;
export const SECTION_IDS = ["caller", "pain", "tried", "wellbeing", "safety", "readiness"] as const satisfies readonly SectionId[];

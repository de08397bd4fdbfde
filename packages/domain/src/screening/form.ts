// The screening form, version 1: sections and questions in the order a coordinator asks them on
// the phone, what to read aloud, which questions show, and how much of a draft is still missing.
import type { ScreeningAnswers, ScreeningDraft, SectionId } from "./answers.ts";
import {
  BODY_IMPLANTS,
  BODY_IMPLANT_LABELS,
  CONDITIONS,
  CONDITION_LABELS,
  FREQUENCY_LABELS,
  FREQUENCY_SCORES,
  HEAD_IMPLANTS,
  HEAD_IMPLANT_LABELS,
  MAX_DURATION_MONTHS,
  PAIN_CAUSES,
  PAIN_CAUSE_LABELS,
  PAIN_FEELINGS,
  PAIN_FEELING_LABELS,
  PAIN_KINDS,
  PAIN_KIND_LABELS,
  PAIN_PATTERNS,
  PAIN_PATTERN_LABELS,
  PAYMENT_LABELS,
  PAYMENT_OPTIONS,
  PREGNANCY_ANSWERS,
  PREGNANCY_LABELS,
  PRIOR_TMS_ANSWERS,
  PRIOR_TMS_LABELS,
  SYMPTOMS,
  SYMPTOM_LABELS,
  ScreeningAnswers as ScreeningAnswersSchema,
  TREATMENTS_TRIED,
  TREATMENT_OUTCOMES,
  TREATMENT_OUTCOME_LABELS,
  TREATMENT_TRIED_LABELS,
} from "./answers.ts";
import { CALLER_RELATIONS, CALLER_RELATION_LABELS } from "../lead/lead.ts";
import { isAnswered } from "./paths.ts";

export const SCREENING_FORM_VERSION = 1 as const;

/** How a question is answered; a form picks its control from this. */
export type QuestionKind =
  | "single_choice" // one of `options`
  | "multi_choice" // any of `options`, possibly none
  | "yes_no"
  | "short_text"
  | "long_text"
  | "text_list" // a list of short texts, possibly empty
  | "date" // 'YYYY-MM-DD'
  | "number" // between `min` and `max`
  | "scale"; // a whole number between `min` and `max`, with `options` naming each step where given

export interface ChoiceOption {
  id: string | number;
  label: string;
}

/** The two optional questionnaires. Their items show only once offered. */
export type Questionnaire = "phq9" | "gad7";

export interface Question {
  /** The answer path it fills (see paths.ts), e.g. "pain.peg.average" or "wellbeing.phq9[8]". */
  id: string;
  /** What the coordinator asks, in plain words. */
  label: string;
  kind: QuestionKind;
  options?: readonly ChoiceOption[];
  min?: number;
  max?: number;
  /** A hint for the coordinator, not read aloud. */
  help?: string;
  /** Never needed for a complete screen (only `caller.referringProvider`). */
  optional?: true;
  /** Set on PHQ-9 and GAD-7 items: shown and required only once that questionnaire is offered. */
  questionnaire?: Questionnaire;
}

export interface FormSection {
  id: SectionId;
  title: string;
  /** Read aloud before the questions, one paragraph per entry. */
  script?: readonly string[];
  questions: readonly Question[];
}

function optionsOf<T extends string | number>(ids: readonly T[], labels: Record<T, string>): ChoiceOption[] {
  return ids.map((id) => ({ id, label: labels[id] }));
}

const FREQUENCY_OPTIONS = optionsOf(FREQUENCY_SCORES, FREQUENCY_LABELS);

// PHQ-9 and GAD-7 wording as published (Pfizer; free to reproduce). Keep the order: item 9 of the
// PHQ-9 (index 8) is the one the urgent rule reads.
const PHQ9_ITEMS = [
  "Little interest or pleasure in doing things",
  "Feeling down, depressed, or hopeless",
  "Trouble falling or staying asleep, or sleeping too much",
  "Feeling tired or having little energy",
  "Poor appetite or overeating",
  "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
  "Trouble concentrating on things, such as reading the newspaper or watching television",
  "Moving or speaking so slowly that other people could have noticed, or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
  "Thoughts that you would be better off dead, or of hurting yourself in some way",
] as const;

const GAD7_ITEMS = [
  "Feeling nervous, anxious, or on edge",
  "Not being able to stop or control worrying",
  "Worrying too much about different things",
  "Trouble relaxing",
  "Being so restless that it is hard to sit still",
  "Becoming easily annoyed or irritable",
  "Feeling afraid, as if something awful might happen",
] as const;

const LAST_TWO_WEEKS = "Over the last 2 weeks, how often have you been bothered by:";

function questionnaireItems(name: Questionnaire, items: readonly string[]): Question[] {
  return items.map((text, index) => ({
    id: `wellbeing.${name}[${index}]`,
    label: `${LAST_TWO_WEEKS} ${text}?`,
    kind: "scale",
    min: 0,
    max: 3,
    options: FREQUENCY_OPTIONS,
    questionnaire: name,
  }));
}

const PEG_SCALE = { kind: "scale", min: 0, max: 10 } as const;

export const SCREENING_FORM: { version: typeof SCREENING_FORM_VERSION; sections: readonly FormSection[] } = {
  version: SCREENING_FORM_VERSION,
  sections: [
    {
      id: "caller",
      title: "Caller and consent",
      questions: [
        { id: "caller.relation", label: "Who is calling?", kind: "single_choice", options: optionsOf(CALLER_RELATIONS, CALLER_RELATION_LABELS) },
        { id: "caller.patientName", label: "Patient's full name", kind: "short_text" },
        {
          id: "caller.dateOfBirth",
          label: "Patient's date of birth",
          kind: "date",
          help: "TMS here is for adults; an under-18 patient is flagged for review.",
        },
        { id: "caller.voicemailOk", label: "May we leave a voicemail at this number?", kind: "yes_no" },
        { id: "caller.textOk", label: "May we send text messages to this number?", kind: "yes_no" },
        { id: "caller.heardFrom", label: "How did you hear about the clinic?", kind: "short_text" },
        { id: "caller.referringProvider", label: "Referring provider, if any", kind: "short_text", optional: true },
      ],
    },
    {
      id: "pain",
      title: "Pain",
      questions: [
        {
          id: "pain.durationMonths",
          label: "How long have you had this pain? (months)",
          kind: "number",
          min: 0,
          max: MAX_DURATION_MONTHS,
          help: "Chronic pain means more than three months; under three is flagged for review.",
        },
        { id: "pain.locations", label: "Where is the pain?", kind: "text_list" },
        { id: "pain.feelings", label: "How does the pain feel?", kind: "multi_choice", options: optionsOf(PAIN_FEELINGS, PAIN_FEELING_LABELS) },
        {
          id: "pain.pattern",
          label: "Is it there every day, or does it come and go?",
          kind: "single_choice",
          options: optionsOf(PAIN_PATTERNS, PAIN_PATTERN_LABELS),
        },
        { id: "pain.causes", label: "Is there a known cause?", kind: "multi_choice", options: optionsOf(PAIN_CAUSES, PAIN_CAUSE_LABELS) },
        {
          id: "pain.kind",
          label: "Has a doctor said whether it is nociceptive or neuropathic pain?",
          kind: "single_choice",
          options: optionsOf(PAIN_KINDS, PAIN_KIND_LABELS),
        },
        {
          id: "pain.peg.average",
          label: "In the past week, on a scale from 0 (no pain) to 10 (pain as bad as you can imagine), what number describes your pain on average?",
          ...PEG_SCALE,
        },
        {
          id: "pain.peg.enjoyment",
          label: "In the past week, from 0 (does not interfere) to 10 (completely interferes), how much has pain interfered with your enjoyment of life?",
          ...PEG_SCALE,
        },
        {
          id: "pain.peg.activity",
          label: "In the past week, from 0 (does not interfere) to 10 (completely interferes), how much has pain interfered with your general activity?",
          ...PEG_SCALE,
        },
      ],
    },
    {
      id: "tried",
      title: "What they have tried",
      questions: [
        {
          id: "tried.treatments",
          label: "What have you already tried for the pain?",
          kind: "multi_choice",
          options: optionsOf(TREATMENTS_TRIED, TREATMENT_TRIED_LABELS),
        },
        { id: "tried.helped", label: "Did it help?", kind: "single_choice", options: optionsOf(TREATMENT_OUTCOMES, TREATMENT_OUTCOME_LABELS) },
      ],
    },
    {
      id: "wellbeing",
      title: "Wellbeing",
      questions: [
        {
          id: "wellbeing.symptoms",
          label: "Along with the pain, have you noticed any of these?",
          kind: "multi_choice",
          options: optionsOf(SYMPTOMS, SYMPTOM_LABELS),
        },
        {
          id: "wellbeing.conditions",
          label: "Has the pain brought depression, stress or anxiety?",
          kind: "multi_choice",
          options: optionsOf(CONDITIONS, CONDITION_LABELS),
        },
        { id: "wellbeing.substanceUse", label: "Do you use alcohol or other substances to cope with the pain?", kind: "yes_no" },
        ...questionnaireItems("phq9", PHQ9_ITEMS),
        ...questionnaireItems("gad7", GAD7_ITEMS),
        {
          id: "wellbeing.safetyConcern",
          label: "Coordinator: do you have any concern for the caller's safety?",
          kind: "yes_no",
          help: "Yes makes the screen urgent at once: read the crisis steps and alert a clinician.",
        },
      ],
    },
    {
      id: "safety",
      title: "TMS safety",
      script: ["TMS uses a strong magnet near the head, so I need to ask some safety questions."],
      questions: [
        {
          id: "safety.headImplants",
          label: "Do you have any metal or implanted device in your head or neck?",
          kind: "multi_choice",
          options: optionsOf(HEAD_IMPLANTS, HEAD_IMPLANT_LABELS),
          help: "Dental fillings do not count. Any of these means TMS is not possible.",
        },
        {
          id: "safety.bodyImplants",
          label: "Any implanted device elsewhere in your body?",
          kind: "multi_choice",
          options: optionsOf(BODY_IMPLANTS, BODY_IMPLANT_LABELS),
        },
        {
          id: "safety.pregnant",
          label: "Is the patient pregnant, or could they be?",
          kind: "single_choice",
          options: optionsOf(PREGNANCY_ANSWERS, PREGNANCY_LABELS),
        },
        { id: "safety.seizureHistory", label: "Have you ever had a seizure or epilepsy?", kind: "yes_no" },
        { id: "safety.familyEpilepsy", label: "Does anyone in your family have epilepsy?", kind: "yes_no" },
        {
          id: "safety.brainInjury",
          label: "Have you had brain damage from an illness or injury, such as a stroke, or a head injury where you lost consciousness?",
          kind: "yes_no",
        },
        { id: "safety.severeHeadaches", label: "Do you have frequent or severe headaches?", kind: "yes_no" },
        { id: "safety.fainting", label: "Do you have fainting spells?", kind: "yes_no" },
        {
          id: "safety.priorTms",
          label: "Have you had TMS before? Was there any problem with it?",
          kind: "single_choice",
          options: optionsOf(PRIOR_TMS_ANSWERS, PRIOR_TMS_LABELS),
        },
        {
          id: "safety.medications",
          label: "What medications and supplements do you take now?",
          kind: "text_list",
          help: "One per entry, as the caller says it (name and dose are fine).",
        },
        { id: "safety.otherConditions", label: "Any other medical conditions?", kind: "long_text", help: "Leave empty if none." },
      ],
    },
    {
      id: "readiness",
      title: "Readiness",
      script: [
        "A course of TMS is usually about 25 to 30 sessions. Each session takes about 30 to 40 minutes, and they happen on most weekdays for several weeks.",
        "TMS is cleared by the FDA to treat depression. Using it for pain is what doctors call off-label: it is not FDA-cleared for pain, and the doctor will talk with you about what the research shows.",
        "Before treatment starts you would need a physical exam, some lab tests and a psychiatric evaluation.",
        "We will also talk about payment: whether you would use an insurance plan or pay for it yourself. We will check what your plan covers before anything is booked.",
      ],
      questions: [
        { id: "readiness.understandsCourse", label: "Does that schedule of 25 to 30 sessions on most weekdays work for you?", kind: "yes_no" },
        { id: "readiness.understandsOffLabel", label: "Do you understand that TMS for pain is off-label?", kind: "yes_no" },
        { id: "readiness.canAttendPrework", label: "Could you come in for the physical exam, lab tests and psychiatric evaluation first?", kind: "yes_no" },
        {
          id: "readiness.payment",
          label: "Would you use insurance or pay yourself?",
          kind: "single_choice",
          options: optionsOf(PAYMENT_OPTIONS, PAYMENT_LABELS),
        },
      ],
    },
  ],
};

/**
 * Read at once when a screen turns urgent (docs/domain.md: crisis steps, 988). The clinic may replace
 * this with its own protocol; it is here so the form never shows an urgent result without steps.
 */
export const URGENT_SCRIPT: readonly string[] = [
  "If you are in danger right now, please call 911 or go to the nearest emergency room.",
  "You can call or text 988, the Suicide & Crisis Lifeline, any time, day or night.",
  "I am letting one of our clinicians know now so they can reach out to you.",
];

const QUESTIONS: readonly (Question & { section: SectionId })[] = SCREENING_FORM.sections.flatMap((s) => s.questions.map((q) => ({ ...q, section: s.id })));

/** Every question of the form, in asking order. */
export function allQuestions(): readonly Question[] {
  return QUESTIONS;
}

export function questionById(questionId: string): Question {
  const question = QUESTIONS.find((q) => q.id === questionId);
  if (!question) throw new Error(`No screening question with id ${questionId}`);
  return question;
}

// ── Branching ───────────────────────────────────────────────────────────────────────────────────

/** Whether the coordinator has offered PHQ-9 / GAD-7 in the UI (before any item is stored). */
export interface OfferedQuestionnaires {
  phq9Offered?: boolean;
  gad7Offered?: boolean;
}

/**
 * A questionnaire counts as offered when the UI says so or when the draft already holds its array
 * (the stored shape has no "offered" field: a draft stores `phq9: [null, …]` once it is offered).
 * So an answer already given can never be hidden by a UI toggle: to decline a questionnaire that
 * was started, remove its array from the draft.
 */
function isOffered(name: Questionnaire, draft: ScreeningDraft, options: OfferedQuestionnaires): boolean {
  const flag = name === "phq9" ? options.phq9Offered : options.gad7Offered;
  return flag === true || draft.wellbeing?.[name] !== undefined;
}

/**
 * Whether a question shows now. The only branching in version 1: PHQ-9 and GAD-7 items show once
 * that questionnaire is offered. Every other question always shows, because the stored shape needs
 * every answer (e.g. pregnancy is asked of every caller rather than guessed from a name).
 */
export function isQuestionVisible(questionId: string, draft: ScreeningDraft, options: OfferedQuestionnaires = {}): boolean {
  const question = questionById(questionId);
  return question.questionnaire === undefined || isOffered(question.questionnaire, draft, options);
}

/** The questions that show now, in asking order. */
export function visibleQuestions(draft: ScreeningDraft, options: OfferedQuestionnaires = {}): Question[] {
  return QUESTIONS.filter((q) => isQuestionVisible(q.id, draft, options));
}

/** Visible and needed for a complete screen: everything but `optional` questions. */
function requiredQuestions(draft: ScreeningDraft, options: OfferedQuestionnaires): Question[] {
  return visibleQuestions(draft, options).filter((q) => q.optional !== true);
}

export interface SectionProgress {
  id: SectionId;
  title: string;
  /** Required questions (visible now) that have an answer. */
  answered: number;
  /** Required questions visible now. */
  total: number;
}

/** Per section, in asking order: how many of its required questions are answered. */
export function sectionProgress(draft: ScreeningDraft, options: OfferedQuestionnaires = {}): SectionProgress[] {
  const required = requiredQuestions(draft, options);
  return SCREENING_FORM.sections.map((s) => {
    const ids = new Set(s.questions.map((q) => q.id));
    const mine = required.filter((q) => ids.has(q.id));
    return {
      id: s.id,
      title: s.title,
      answered: mine.filter((q) => isAnswered(draft, q.id)).length,
      total: mine.length,
    };
  });
}

/** Paths of the required answers still missing, in asking order (e.g. 'pain.durationMonths'). */
export function missingFields(draft: ScreeningDraft, options: OfferedQuestionnaires = {}): string[] {
  return requiredQuestions(draft, options)
    .filter((q) => !isAnswered(draft, q.id))
    .map((q) => q.id);
}

export function isComplete(draft: ScreeningDraft, options: OfferedQuestionnaires = {}): boolean {
  return missingFields(draft, options).length === 0;
}

/**
 * The draft as complete answers, or null while anything required is missing. Parsed again so the
 * result is exactly what would be stored (strings trimmed, no stray nulls).
 */
export function toCompleteAnswers(draft: ScreeningDraft, options: OfferedQuestionnaires = {}): ScreeningAnswers | null {
  if (!isComplete(draft, options)) return null;
  const parsed = ScreeningAnswersSchema.safeParse(draft);
  return parsed.success ? parsed.data : null;
}

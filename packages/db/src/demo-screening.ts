// What the demo coordinator wrote down: screening answers and handoff notes for seedDemo. Each screen
// starts from the domain's example and is checked against the domain's own rules as it is made, so
// a demo "eligible" lead is eligible by the rules the app applies, never by a copy of them.
import {
  CONDITIONS,
  PAIN_FEELINGS,
  SCREENING_FORM_VERSION,
  SYMPTOMS,
  TREATMENTS_TRIED,
  evaluateScreening,
  screeningBackground,
  exampleEligibleAnswers,
  screeningAssessment,
  type CallerRelation,
  type Offered,
  type PainCause,
  type PainKind,
  type ScreeningAnswers,
  type ScreeningDraft,
  type ScreeningResult,
} from "@intake/domain";

type Rand = () => number;

/** Who the screen is about, as the lead already records it. */
export interface DemoCaller {
  name: string;
  relation: CallerRelation;
  source: string;
}

/** A screen's answers as services/screening.ts saves them while the call goes on. */
export interface DemoDraft {
  formVersion: number;
  answers: Record<string, unknown>;
  offered: Offered;
}

/** And what completing it adds: the server's result, flags, scores and notes. */
export interface DemoCompleted extends DemoDraft {
  result: ScreeningResult;
  flags: { id: string; label: string; result: string }[];
  scores: Record<string, unknown>;
  notes: string[];
}

/** The four SBAR fields of a handoff note. */
export interface DemoNote {
  situation: string;
  background: string;
  assessment: string;
  recommendation: string;
}

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** `count` different items of `xs`, in the list's own order (as a form's checkboxes store them). */
function some<T>(rand: Rand, xs: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, xs.length)) chosen.add(pick(rand, xs));
  return xs.filter((x) => chosen.has(x));
}

const between = (rand: Rand, low: number, high: number): number => low + Math.floor(rand() * (high - low + 1));

const LOCATIONS = ["lower back", "neck", "shoulders", "knees", "hips", "feet", "hands", "upper back", "left leg", "right arm"];
/** Causes with the kind of pain a coordinator would note for them. */
const CAUSES: readonly { cause: PainCause; kind: PainKind }[] = [
  { cause: "back_issues", kind: "nociceptive" },
  { cause: "arthritis", kind: "nociceptive" },
  { cause: "injuries_surgeries", kind: "nociceptive" },
  { cause: "inflammation", kind: "nociceptive" },
  { cause: "nerve_damage", kind: "neuropathic" },
  { cause: "diabetes", kind: "neuropathic" },
  { cause: "past_trauma", kind: "unknown" },
  { cause: "unknown", kind: "unknown" },
];
/** Everyday pain and other medicines; none of them lowers the seizure threshold (the rules check). */
const MEDICATIONS = [
  "ibuprofen",
  "naproxen",
  "acetaminophen",
  "gabapentin",
  "duloxetine 60 mg",
  "meloxicam",
  "lisinopril 10 mg",
  "vitamin D",
  "cyclobenzaprine",
];
const OTHER_CONDITIONS = ["High blood pressure, controlled", "Type 2 diabetes", "Asthma, mild"];
const REFERRERS = ["Dr. Okafor (pain management)", "Dr. Lee (primary care)", "Dr. Ramirez (neurology)", "Dr. Chen (orthopedics)"];

/**
 * A complete screen of an adult with chronic pain that raised no flag: the domain's example with the
 * answers that decide nothing varied (pain, history, contact preferences, payment), and sometimes a
 * PHQ-9 or GAD-7 with no answer on item 9. Fainting, substance use and other conditions are notes for
 * a clinician, not flags, so a few eligible callers mention them too.
 */
export function eligibleAnswers(rand: Rand, caller: DemoCaller, onDate: string): { answers: ScreeningAnswers; offered: Offered } {
  const a = exampleEligibleAnswers(caller.name);
  const year = Number(onDate.slice(0, 4));
  a.caller = {
    relation: caller.relation,
    patientName: caller.name,
    dateOfBirth: `${year - between(rand, 25, 78)}-${String(between(rand, 1, 12)).padStart(2, "0")}-${String(between(rand, 1, 28)).padStart(2, "0")}`,
    voicemailOk: rand() < 0.8,
    textOk: rand() < 0.55,
    heardFrom: caller.source,
  };
  if (caller.source === "Physician referral" || caller.relation === "provider") a.caller.referringProvider = pick(rand, REFERRERS);
  const cause = pick(rand, CAUSES);
  a.pain = {
    durationMonths: between(rand, 6, 180),
    locations: some(rand, LOCATIONS, between(rand, 1, 2)),
    feelings: some(rand, PAIN_FEELINGS, between(rand, 1, 3)),
    pattern: rand() < 0.7 ? "daily" : "comes_and_goes",
    causes: [cause.cause],
    kind: cause.kind,
    peg: { average: between(rand, 4, 9), enjoyment: between(rand, 3, 9), activity: between(rand, 3, 9) },
  };
  a.tried = { treatments: some(rand, TREATMENTS_TRIED, between(rand, 1, 3)), helped: rand() < 0.6 ? "no" : "partly" };
  a.wellbeing = {
    symptoms: some(rand, SYMPTOMS, between(rand, 0, 2)),
    conditions: some(rand, CONDITIONS, between(rand, 0, 2)),
    substanceUse: rand() < 0.06,
    safetyConcern: false,
  };
  const offered: Offered = { phq9Offered: rand() < 0.3, gad7Offered: rand() < 0.2 };
  // Item 9 (thoughts of death or self-harm) stays 0: any other answer makes the screen urgent.
  if (offered.phq9Offered) a.wellbeing.phq9 = [...Array.from({ length: 8 }, () => between(rand, 0, 2)), 0];
  if (offered.gad7Offered) a.wellbeing.gad7 = Array.from({ length: 7 }, () => between(rand, 0, 2));
  a.safety = {
    ...a.safety,
    fainting: rand() < 0.04,
    priorTms: rand() < 0.08 ? "yes_no_problems" : "no",
    medications: some(rand, MEDICATIONS, between(rand, 0, 2)),
    otherConditions: rand() < 0.15 ? pick(rand, OTHER_CONDITIONS) : "",
  };
  a.readiness = { ...a.readiness, payment: pick(rand, ["insurance", "insurance", "insurance", "self_pay", "unknown"] as const) };
  return { answers: a, offered };
}

/** One answer changed from an eligible screen, and what the coordinator added about it in the note. */
interface FlagStory {
  change(a: ScreeningAnswers): void;
  background: string;
}

/** Flags a clinician clears or closes on; none of them urgent or ruling TMS out. */
const FLAG_STORIES: readonly FlagStory[] = [
  {
    change: (a) => void (a.safety.bodyImplants = ["pacemaker"]),
    background: "Pacemaker fitted some years ago; a cardiologist follows up yearly.",
  },
  {
    change: (a) => void (a.safety.bodyImplants = ["spinal_cord_stimulator"]),
    background: "Has a spinal cord stimulator for the pain; it helped for a while, less so now.",
  },
  {
    change: (a) => void (a.safety.pregnant = "possible"),
    background: "Could be pregnant; has not had a test yet.",
  },
  {
    change: (a) => void (a.safety.seizureHistory = true),
    background: "One seizure with a high fever as a young adult, none since; takes no seizure medication.",
  },
  {
    change: (a) => void (a.safety.familyEpilepsy = true),
    background: "A sibling has epilepsy; the patient has never had a seizure.",
  },
  {
    change: (a) => void (a.safety.brainInjury = true),
    background: "Head injury with a brief loss of consciousness in a car accident years ago.",
  },
  {
    change: (a) => {
      a.safety.severeHeadaches = true;
      a.pain.causes = [...new Set<PainCause>([...a.pain.causes, "migraines_headaches"])];
    },
    background: "Migraines several times a month alongside the pain.",
  },
  {
    change: (a) => void (a.safety.priorTms = "yes_with_problems"),
    background: "Had TMS for depression elsewhere; stopped after severe headaches during the sessions.",
  },
  {
    change: (a) => void (a.safety.medications = [...a.safety.medications, "Wellbutrin XL 150 mg"]),
    background: "Takes Wellbutrin XL for mood, prescribed by the family doctor.",
  },
  {
    change: (a) => void (a.safety.medications = [...a.safety.medications, "tramadol 50 mg"]),
    background: "Takes tramadol when the pain flares.",
  },
  {
    change: (a) => void (a.pain.durationMonths = 2),
    background: "The pain started about two months ago after a fall; not chronic yet.",
  },
];

/** A complete screen whose answers raise one flag a clinician must clear (needs review, not urgent). */
export function flaggedAnswers(rand: Rand, caller: DemoCaller, onDate: string): { answers: ScreeningAnswers; offered: Offered; story: string } {
  const { answers, offered } = eligibleAnswers(rand, caller, onDate);
  const story = pick(rand, FLAG_STORIES);
  story.change(answers);
  return { answers, offered, story: story.background };
}

/** A complete screen made urgent the way the domain says: PHQ-9 item 9 answered above 0. */
export function urgentAnswers(rand: Rand, caller: DemoCaller, onDate: string): { answers: ScreeningAnswers; offered: Offered } {
  const { answers, offered } = eligibleAnswers(rand, caller, onDate);
  answers.wellbeing.conditions = ["depression"];
  answers.wellbeing.phq9 = [2, 2, 2, 1, 2, 1, 2, 1, 1];
  return { answers, offered: { ...offered, phq9Offered: true } };
}

/**
 * The columns of a completed screen: the result, flags, scores and notes as the domain evaluates the
 * answers on the day of the screen. A demo screen that does not come out as meant is a bug in these
 * answers (or a rule changed under them), so it stops the seed instead of writing a lie.
 */
export function completedScreen(answers: ScreeningAnswers, offered: Offered, onDate: string, meant: ScreeningResult): DemoCompleted {
  const evaluation = evaluateScreening(answers, onDate);
  if (evaluation.result !== meant) {
    throw new Error(`A demo screen meant to be ${meant} evaluates as ${evaluation.result}; fix the demo answers.`);
  }
  return {
    formVersion: SCREENING_FORM_VERSION,
    answers,
    offered,
    result: evaluation.result,
    flags: evaluation.flags,
    scores: { ...evaluation.scores },
    notes: evaluation.notes,
  };
}

/**
 * A screen left half done (a dropped or cut-short call): the first one to four sections of an
 * eligible screen answered. Flags only add up as answers are added, so a part of a screen that raised
 * none raises none either; the coordinator resumes it where it stopped.
 */
export function partialScreen(rand: Rand, caller: DemoCaller, onDate: string): DemoDraft {
  const { answers, offered } = eligibleAnswers(rand, caller, onDate);
  // The whole screen raises nothing, so neither does the part of it that was asked.
  completedScreen(answers, offered, onDate, "eligible");
  const sections = between(rand, 1, 4);
  const draft: ScreeningDraft = {
    caller: answers.caller,
    ...(sections > 1 ? { pain: answers.pain } : {}),
    ...(sections > 2 ? { tried: answers.tried } : {}),
    ...(sections > 3 ? { wellbeing: answers.wellbeing } : {}),
  };
  const asked = draft.wellbeing !== undefined;
  return {
    formVersion: SCREENING_FORM_VERSION,
    answers: draft,
    offered: { phq9Offered: asked && offered.phq9Offered, gad7Offered: asked && offered.gad7Offered },
  };
}

const SCHEDULING_PREFERENCES = [
  "Mornings suit the patient best.",
  "Afternoons after 2 PM are best; works mornings.",
  "Any weekday; needs a ride, so give a few days' notice.",
  "Prefers a call before booking; asked about parking.",
  "",
];

/** The note to scheduling for an eligible lead, in the words the handoff form suggests. */
export function schedulingNote(rand: Rand, screen: DemoCompleted, answers: ScreeningAnswers): DemoNote {
  const preference = pick(rand, SCHEDULING_PREFERENCES);
  return {
    situation: "Screened by phone for TMS for chronic pain: eligible, no flags. Ready to book a consult.",
    background: screeningBackground(answers),
    assessment: screeningAssessment(screen, "scheduling"),
    recommendation: `Book a consult and start the pre-treatment checklist: physical exam, lab tests, psychiatric evaluation.${preference ? ` ${preference}` : ""}`,
  };
}

/** The note to the clinical pool for a flagged lead. */
export function clinicalNote(screen: DemoCompleted, answers: ScreeningAnswers, story: string): DemoNote {
  const n = screen.flags.length;
  return {
    situation: `Screened by phone for TMS for chronic pain: the screen raised ${n} ${n === 1 ? "flag" : "flags"} that only a clinician may clear.`,
    background: `${screeningBackground(answers)} ${story}`,
    assessment: screeningAssessment(screen, "clinical_pool"),
    recommendation: "Review the flags, then clear for scheduling or close as not a candidate.",
  };
}

/** The note completing an urgent screen writes to the clinical pool by itself. */
export function urgentNote(screen: DemoCompleted): DemoNote {
  return {
    situation: "URGENT: the screening raised a safety concern during the call. Crisis steps (988 Suicide & Crisis Lifeline) were shown to the coordinator.",
    background: "Screened by phone for TMS for chronic pain.",
    assessment: screeningAssessment(screen, "clinical_pool"),
    recommendation: "A clinician should contact the caller now.",
  };
}

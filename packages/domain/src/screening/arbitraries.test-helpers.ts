// fast-check generators of screening answers for the property tests (test-only; not exported from index).
import fc from "fast-check";
import type { ScreeningAnswers } from "./answers.ts";
import { exampleEligibleAnswers } from "./example.ts";
import {
  BODY_IMPLANTS,
  CONDITIONS,
  HEAD_IMPLANTS,
  PAIN_CAUSES,
  PAIN_FEELINGS,
  PAIN_KINDS,
  PAIN_PATTERNS,
  PAYMENT_OPTIONS,
  SYMPTOMS,
  TREATMENTS_TRIED,
  TREATMENT_OUTCOMES,
} from "./answers.ts";
import { CALLER_RELATIONS } from "../lead/lead.ts";
import { parseIsoDate } from "./dates.ts";
import type { RuleId } from "./rules.ts";
import { SEIZURE_THRESHOLD_MEDICATIONS } from "./rules.ts";

/** A real calendar date 'YYYY-MM-DD' between two such dates. */
export function isoDateArb(min: string, max: string): fc.Arbitrary<string> {
  return fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

/** The day of a screen. */
export const onDateArb = isoDateArb("2024-01-01", "2030-12-31");

/** Mostly the harmless answer, sometimes the flagged one: so that many generated screens are eligible. */
function mostly<T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: 5 }, { arbitrary: rare, weight: 1 });
}
const mostlyFalse = mostly(fc.constant(false), fc.constant(true));

const SAFE_MEDICATIONS = ["ibuprofen 400mg", "Lisinopril", "gabapentin", "vitamin D", "Sertraline 50 mg", "fish oil", "Tylenol"];
const THRESHOLD_NAMES = SEIZURE_THRESHOLD_MEDICATIONS.flatMap((m) => [...m.names]);

function anyCase(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(text, text.toLowerCase(), text.toUpperCase());
}
const safeMedicationArb = fc.constantFrom(...SAFE_MEDICATIONS);
const thresholdMedicationArb = fc
  .tuple(fc.constantFrom(...THRESHOLD_NAMES).chain(anyCase), fc.constantFrom("", " 150mg", " XL", " ER 300 mg daily"))
  .map(([name, suffix]) => name + suffix);

const textArb = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `x${s}`.trim());
const phq9Arb = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }), mostly(fc.constant(0), fc.integer({ min: 1, max: 3 })))
  .map(([first, ninth]) => [...first, ninth]);
const gad7Arb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 });
const pegItemArb = fc.integer({ min: 0, max: 10 });

interface AnswerArbOptions {
  /** Only answers no rule flags (given a screen on or after 2024-01-01). */
  clean: boolean;
}

function answersArb({ clean }: AnswerArbOptions): fc.Arbitrary<ScreeningAnswers> {
  const flag = clean ? fc.constant(false) : mostlyFalse;
  const maybe = <T>(usual: T, rare: fc.Arbitrary<T>): fc.Arbitrary<T> => (clean ? fc.constant(usual) : mostly(fc.constant(usual), rare));
  return fc.record({
    caller: fc.record(
      {
        relation: fc.constantFrom(...CALLER_RELATIONS),
        patientName: fc.constantFrom("Ana Ruiz", "Sam Lee", "Jo O'Neil", "Mei Chen"),
        // Adults on any onDate from 2024 on; under-18s only in the flagged mix.
        dateOfBirth: clean ? isoDateArb("1925-01-01", "2005-12-31") : isoDateArb("1925-01-01", "2020-12-31"),
        voicemailOk: fc.boolean(),
        textOk: fc.boolean(),
        heardFrom: fc.constantFrom("Google", "friend", "radio"),
        referringProvider: fc.option(textArb, { nil: undefined }),
      },
      { requiredKeys: ["relation", "patientName", "dateOfBirth", "voicemailOk", "textOk", "heardFrom"] },
    ),
    pain: fc.record({
      durationMonths: clean
        ? fc.double({ min: 3, max: 600, noNaN: true })
        : mostly(fc.double({ min: 3, max: 600, noNaN: true }), fc.double({ min: 0, max: 3, maxExcluded: true, noNaN: true })),
      locations: fc.array(fc.constantFrom("lower back", "neck", "knees", "feet", "face"), { maxLength: 4 }),
      feelings: fc.subarray([...PAIN_FEELINGS]),
      pattern: fc.constantFrom(...PAIN_PATTERNS),
      causes: fc.subarray([...PAIN_CAUSES], { maxLength: 3 }),
      kind: fc.constantFrom(...PAIN_KINDS),
      peg: fc.record({ average: pegItemArb, enjoyment: pegItemArb, activity: pegItemArb }),
    }),
    tried: fc.record({
      treatments: fc.subarray([...TREATMENTS_TRIED]),
      helped: fc.constantFrom(...TREATMENT_OUTCOMES),
    }),
    wellbeing: fc.record(
      {
        symptoms: fc.subarray([...SYMPTOMS]),
        conditions: fc.subarray([...CONDITIONS]),
        substanceUse: fc.boolean(),
        phq9: clean ? phq9Arb.map((items) => [...items.slice(0, 8), 0]) : phq9Arb,
        gad7: gad7Arb,
        safetyConcern: flag,
      },
      { requiredKeys: ["symptoms", "conditions", "substanceUse", "safetyConcern"] },
    ),
    safety: fc.record({
      headImplants: maybe([], fc.subarray([...HEAD_IMPLANTS], { minLength: 1 })),
      bodyImplants: maybe([], fc.subarray([...BODY_IMPLANTS], { minLength: 1 })),
      pregnant: maybe("no" as const, fc.constantFrom("yes" as const, "possible" as const)),
      seizureHistory: flag,
      familyEpilepsy: flag,
      brainInjury: flag,
      severeHeadaches: flag,
      fainting: fc.boolean(),
      priorTms: clean
        ? fc.constantFrom("no" as const, "yes_no_problems" as const)
        : mostly(fc.constantFrom("no" as const, "yes_no_problems" as const), fc.constant("yes_with_problems" as const)),
      medications: clean ? fc.array(safeMedicationArb, { maxLength: 4 }) : fc.array(mostly(safeMedicationArb, thresholdMedicationArb), { maxLength: 4 }),
      otherConditions: fc.constantFrom("", "", "asthma", "high blood pressure"),
    }),
    readiness: fc.record({
      understandsCourse: fc.boolean(),
      understandsOffLabel: fc.boolean(),
      canAttendPrework: fc.boolean(),
      payment: fc.constantFrom(...PAYMENT_OPTIONS),
    }),
  });
}

/** Any complete, valid screen: most answers harmless, any rule may fire. */
export const answersArbitrary = answersArb({ clean: false });
/** A complete, valid screen that no rule flags on any onDate from onDateArb. */
export const cleanAnswersArbitrary = answersArb({ clean: true });

/** One answer that makes a given rule fire, applied to complete answers (on a given screen date). */
export interface FlaggedChange {
  rule: RuleId;
  apply(answers: ScreeningAnswers, onDate: string): ScreeningAnswers;
}

/** Born `years` years before onDate (Feb 29 in a year without one moves to Mar 1, i.e. later). */
function bornYearsBefore(onDate: string, years: number): string {
  const on = parseIsoDate(onDate);
  if (!on) throw new Error("bad onDate");
  const mm = String(on.month).padStart(2, "0");
  const dd = String(on.day).padStart(2, "0");
  const candidate = `${on.year - years}-${mm}-${dd}`;
  return parseIsoDate(candidate) ? candidate : `${on.year - years}-03-01`;
}

export const flaggedChangeArbitrary: fc.Arbitrary<FlaggedChange> = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((score): FlaggedChange => ({
    rule: "suicidal_ideation",
    apply: (a) => {
      const phq9 = [...(a.wellbeing.phq9 ?? [0, 0, 0, 0, 0, 0, 0, 0, 0])];
      phq9[8] = score;
      return { ...a, wellbeing: { ...a.wellbeing, phq9 } };
    },
  })),
  fc.constant<FlaggedChange>({
    rule: "safety_concern",
    apply: (a) => ({ ...a, wellbeing: { ...a.wellbeing, safetyConcern: true } }),
  }),
  fc.constantFrom(...HEAD_IMPLANTS).map((implant): FlaggedChange => ({
    rule: "head_implant",
    apply: (a) => ({ ...a, safety: { ...a.safety, headImplants: [...new Set([...a.safety.headImplants, implant])] } }),
  })),
  fc.constantFrom(...BODY_IMPLANTS).map((implant): FlaggedChange => ({
    rule: "body_implant",
    apply: (a) => ({ ...a, safety: { ...a.safety, bodyImplants: [...new Set([...a.safety.bodyImplants, implant])] } }),
  })),
  fc
    .constantFrom("yes" as const, "possible" as const)
    .map((pregnant): FlaggedChange => ({ rule: "pregnancy", apply: (a) => ({ ...a, safety: { ...a.safety, pregnant } }) })),
  ...(["seizureHistory", "familyEpilepsy", "brainInjury", "severeHeadaches"] as const).map((field) => {
    const rule: RuleId = (
      {
        seizureHistory: "seizure_history",
        familyEpilepsy: "family_epilepsy",
        brainInjury: "brain_injury",
        severeHeadaches: "severe_headaches",
      } as const
    )[field];
    return fc.constant<FlaggedChange>({ rule, apply: (a) => ({ ...a, safety: { ...a.safety, [field]: true } }) });
  }),
  fc.constant<FlaggedChange>({
    rule: "prior_tms_problems",
    apply: (a) => ({ ...a, safety: { ...a.safety, priorTms: "yes_with_problems" } }),
  }),
  thresholdMedicationArb.map((entry): FlaggedChange => ({
    rule: "seizure_threshold_medication",
    apply: (a) => ({ ...a, safety: { ...a.safety, medications: [...a.safety.medications.slice(0, 49), entry] } }),
  })),
  fc.double({ min: 0, max: 3, maxExcluded: true, noNaN: true }).map((durationMonths): FlaggedChange => ({
    rule: "pain_under_three_months",
    apply: (a) => ({ ...a, pain: { ...a.pain, durationMonths } }),
  })),
  fc.integer({ min: 0, max: 17 }).map((years): FlaggedChange => ({
    rule: "under_18",
    apply: (a, onDate) => ({ ...a, caller: { ...a.caller, dateOfBirth: bornYearsBefore(onDate, years) } }),
  })),
);

/** A fixed complete screen that no rule flags on 2026-06-15 (the screen date the example tests use). */
export const EXAMPLE_ON_DATE = "2026-06-15";
/** The domain's example eligible screen (example.ts), with a PEG that averages to exactly 7. */
export function eligibleAnswers(): ScreeningAnswers {
  const example = exampleEligibleAnswers("Ana Ruiz");
  return { ...example, pain: { ...example.pain, peg: { average: 7, enjoyment: 6, activity: 8 } } };
}

// Tests: each screening rule fires and stays quiet as it should; medication name matching; notes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScreeningAnswers } from "./answers.ts";
import { EXAMPLE_ON_DATE, answersArbitrary, eligibleAnswers, onDateArb } from "./arbitraries.test-helpers.ts";
import { getAtPath, parsePath } from "./paths.ts";
import type { RuleId, ScreeningResult } from "./rules.ts";
import { NOTES, RULES, RULE_IDS, clinicianNotes, matchSeizureThresholdMedications, ruleById, worstResult } from "./rules.ts";

type Change = (a: ScreeningAnswers) => ScreeningAnswers;
const safety =
  (patch: Partial<ScreeningAnswers["safety"]>): Change =>
  (a) => ({ ...a, safety: { ...a.safety, ...patch } });
const wellbeing =
  (patch: Partial<ScreeningAnswers["wellbeing"]>): Change =>
  (a) => ({ ...a, wellbeing: { ...a.wellbeing, ...patch } });
const pain =
  (patch: Partial<ScreeningAnswers["pain"]>): Change =>
  (a) => ({ ...a, pain: { ...a.pain, ...patch } });
const dob =
  (dateOfBirth: string): Change =>
  (a) => ({ ...a, caller: { ...a.caller, dateOfBirth } });
const phq9Item9 = (score: number) => wellbeing({ phq9: [3, 3, 3, 3, 3, 3, 3, 3, score] });

function fires(id: RuleId, change: Change, onDate = EXAMPLE_ON_DATE): boolean {
  return ruleById(id).fires(change(eligibleAnswers()), { onDate });
}

// [rule, its result, answers that fire it, answers next to them that do not]
const cases: [RuleId, ScreeningResult, Change[], Change[]][] = [
  ["suicidal_ideation", "urgent", [phq9Item9(1), phq9Item9(3)], [phq9Item9(0), wellbeing({ phq9: undefined })]],
  ["safety_concern", "urgent", [wellbeing({ safetyConcern: true })], [wellbeing({ safetyConcern: false })]],
  [
    "head_implant",
    "not_candidate",
    [safety({ headImplants: ["cochlear_implant"] }), safety({ headImplants: ["other"] }), safety({ headImplants: ["stent", "shunt"] })],
    [safety({ headImplants: [], bodyImplants: ["pacemaker"] })],
  ],
  [
    "body_implant",
    "needs_review",
    [safety({ bodyImplants: ["pacemaker"] }), safety({ bodyImplants: ["other"] })],
    [safety({ bodyImplants: [], headImplants: ["shunt"] })],
  ],
  ["pregnancy", "needs_review", [safety({ pregnant: "yes" }), safety({ pregnant: "possible" })], [safety({ pregnant: "no" })]],
  ["seizure_history", "needs_review", [safety({ seizureHistory: true })], [safety({ seizureHistory: false, familyEpilepsy: true })]],
  ["family_epilepsy", "needs_review", [safety({ familyEpilepsy: true })], [safety({ familyEpilepsy: false, seizureHistory: true })]],
  ["brain_injury", "needs_review", [safety({ brainInjury: true })], [safety({ brainInjury: false })]],
  ["severe_headaches", "needs_review", [safety({ severeHeadaches: true })], [safety({ severeHeadaches: false })]],
  ["prior_tms_problems", "needs_review", [safety({ priorTms: "yes_with_problems" })], [safety({ priorTms: "no" }), safety({ priorTms: "yes_no_problems" })]],
  [
    "seizure_threshold_medication",
    "needs_review",
    [safety({ medications: ["vitamin D", "Wellbutrin XL 150mg"] }), safety({ medications: ["TRAMADOL"] })],
    [safety({ medications: [] }), safety({ medications: ["gabapentin", "bupropionX"] })],
  ],
  [
    "pain_under_three_months",
    "needs_review",
    [pain({ durationMonths: 0 }), pain({ durationMonths: 2.9 })],
    [pain({ durationMonths: 3 }), pain({ durationMonths: 120 })],
  ],
  ["under_18", "needs_review", [dob("2008-11-25"), dob("2015-01-01"), dob("2026-07-01")], [dob("2008-06-15"), dob("1950-01-01")]],
];

describe("rules", () => {
  it("have stable, unique ids, in the order RULE_IDS lists them", () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it("each has a test case below", () => {
    expect(cases.map(([id]) => id).sort()).toEqual([...RULE_IDS].sort());
  });

  it("read only real answer paths", () => {
    for (const rule of RULES) for (const path of rule.reads) expect(() => parsePath(path)).not.toThrow();
  });

  it("do not fire on the example eligible screen", () => {
    for (const rule of RULES) expect(rule.fires(eligibleAnswers(), { onDate: EXAMPLE_ON_DATE }), rule.id).toBe(false);
  });

  describe.each(cases)("%s", (id, result, firing, quiet) => {
    it(`gives ${result}`, () => {
      expect(ruleById(id).result).toBe(result);
    });
    it.each(firing.map((change, i) => [i, change] as const))("fires (case %i)", (_i, change) => {
      expect(fires(id, change)).toBe(true);
    });
    it.each(quiet.map((change, i) => [i, change] as const))("does not fire (case %i)", (_i, change) => {
      expect(fires(id, change)).toBe(false);
    });
  });

  it("under_18 turns off on the 18th birthday, and on Mar 1 for a Feb 29 birth", () => {
    expect(fires("under_18", dob("2008-11-25"), "2026-11-24")).toBe(true);
    expect(fires("under_18", dob("2008-11-25"), "2026-11-25")).toBe(false);
    expect(fires("under_18", dob("2008-02-29"), "2026-02-28")).toBe(true);
    expect(fires("under_18", dob("2008-02-29"), "2026-03-01")).toBe(false);
    expect(fires("under_18", dob("2012-02-29"), "2030-02-28")).toBe(true);
    expect(fires("under_18", dob("2012-02-29"), "2030-03-01")).toBe(false);
  });

  it("read nothing beyond their `reads` (what lets a draft be evaluated rule by rule)", () => {
    /** A copy holding only the given paths of `answers`. */
    function only(answers: ScreeningAnswers, paths: readonly string[]): ScreeningAnswers {
      const out: Record<string | number, unknown> = {};
      for (const path of paths) {
        const segments = parsePath(path);
        let node: Record<string | number, unknown> = out;
        segments.forEach((segment, i) => {
          const next = segments[i + 1];
          if (next === undefined) node[segment] = getAtPath(answers, path);
          else node = (node[segment] ??= typeof next === "number" ? [] : {}) as Record<string | number, unknown>;
        });
      }
      return out as unknown as ScreeningAnswers;
    }
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        for (const rule of RULES) {
          const ctx = { onDate };
          const trimmed = only(answers, rule.reads);
          expect(rule.fires(trimmed, ctx), rule.id).toBe(rule.fires(answers, ctx));
          if (rule.fires(answers, ctx) && rule.flagLabel) expect(rule.flagLabel(trimmed, ctx)).toBe(rule.flagLabel(answers, ctx));
        }
      }),
    );
  });

  it("labels never hold the patient's name or date of birth", () => {
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        for (const rule of RULES) {
          const labels = [rule.label, ...(rule.fires(answers, { onDate }) && rule.flagLabel ? [rule.flagLabel(answers, { onDate })] : [])];
          for (const label of labels) {
            expect(label).not.toContain(answers.caller.patientName);
            expect(label).not.toContain(answers.caller.dateOfBirth);
          }
        }
      }),
    );
  });

  it("more specific labels say what was found", () => {
    const a = eligibleAnswers();
    const ctx = { onDate: EXAMPLE_ON_DATE };
    expect(ruleById("head_implant").flagLabel?.(safety({ headImplants: ["cochlear_implant", "shunt"] })(a), ctx)).toBe(
      "Implanted device or metal in head or neck (cochlear implant, shunt) — TMS not possible",
    );
    expect(ruleById("pregnancy").flagLabel?.(safety({ pregnant: "possible" })(a), ctx)).toBe("Possible pregnancy");
    expect(ruleById("pregnancy").flagLabel?.(safety({ pregnant: "yes" })(a), ctx)).toBe("Pregnant");
    expect(ruleById("seizure_threshold_medication").flagLabel?.(safety({ medications: ["Zyban", "ultram 50"] })(a), ctx)).toBe(
      "Takes a medication that lowers the seizure threshold (bupropion, tramadol)",
    );
  });
});

describe("matchSeizureThresholdMedications", () => {
  it.each([
    ["bupropion", "bupropion"],
    ["BUPROPION HCL", "bupropion"],
    ["Wellbutrin XL 150mg", "bupropion"],
    ["wellbutrin", "bupropion"],
    ["Zyban", "bupropion"],
    ["aplenzin 174 mg", "bupropion"],
    ["Forfivo XL", "bupropion"],
    ["Contrave (naltrexone/bupropion)", "bupropion"],
    ["naltrexone/bupropion", "bupropion"],
    ["tramadol 50mg as needed", "tramadol"],
    ["Ultram", "tramadol"],
    ["ConZip", "tramadol"],
    ["conzip", "tramadol"],
    ["Ultracet", "tramadol"],
    ["clozapine", "clozapine"],
    ["Clozaril 100", "clozapine"],
    ["Versacloz", "clozapine"],
    ["FAZACLO", "clozapine"],
    ["chlorpromazine", "chlorpromazine"],
    ["Thorazine", "chlorpromazine"],
    ["Largactil", "chlorpromazine"],
    ["theophylline ER", "theophylline"],
    ["Theo-24", "theophylline"],
    ["theo 24 300mg", "theophylline"],
    ["Theo24", "theophylline"],
    ["Elixophyllin", "theophylline"],
    ["Uniphyl 400", "theophylline"],
    ["Theochron", "theophylline"],
  ])("finds %s as %s", (entry, generic) => {
    expect(matchSeizureThresholdMedications([entry])).toEqual([generic]);
  });

  it.each([
    ["a longer word that contains a name", "bupropionX"],
    ["a name inside another word", "xtramadol"],
    ["a part of a brand name", "Theo"],
    ["an unrelated drug", "gabapentin 300 mg"],
    ["an unrelated drug with a similar start", "Ultravate cream"],
    ["an empty entry", ""],
  ])("does not match %s (%s)", (_why, entry) => {
    expect(matchSeizureThresholdMedications([entry])).toEqual([]);
  });

  it("lists each drug once, in table order, however many entries name it", () => {
    expect(matchSeizureThresholdMedications(["Ultram", "Wellbutrin", "bupropion SR", "tramadol"])).toEqual(["bupropion", "tramadol"]);
  });
});

describe("worstResult", () => {
  it("follows urgent > not_candidate > needs_review > eligible", () => {
    expect(worstResult([])).toBe("eligible");
    expect(worstResult(["needs_review", "not_candidate"])).toBe("not_candidate");
    expect(worstResult(["needs_review", "urgent", "not_candidate"])).toBe("urgent");
    expect(worstResult(["needs_review", "eligible"])).toBe("needs_review");
  });
});

describe("clinicianNotes", () => {
  it("notes fainting, substance use and other conditions, never as flags", () => {
    const a = eligibleAnswers();
    expect(clinicianNotes(a)).toEqual([]);
    expect(clinicianNotes(safety({ fainting: true })(a))).toEqual(["Reports fainting spells"]);
    expect(clinicianNotes(wellbeing({ substanceUse: true })(a))).toEqual(["Reports alcohol or substance use to cope"]);
    expect(clinicianNotes(safety({ otherConditions: "  " })(a))).toEqual([]);
    expect(clinicianNotes(safety({ otherConditions: "asthma" })(a))).toEqual(["Lists other medical conditions — read them before clearing"]);
    for (const note of NOTES) expect((RULE_IDS as readonly string[]).includes(note.id)).toBe(false);
  });

  it("works on a draft as soon as the answer is there", () => {
    expect(clinicianNotes({})).toEqual([]);
    expect(clinicianNotes({ safety: { fainting: true } })).toEqual(["Reports fainting spells"]);
  });
});

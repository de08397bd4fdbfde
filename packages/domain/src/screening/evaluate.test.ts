// Tests: results, precedence, scores, live drafts, stored versions, and property tests over any screen.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScreeningAnswers } from "./answers.ts";
import { ScreeningDraft } from "./answers.ts";
import { EXAMPLE_ON_DATE, answersArbitrary, cleanAnswersArbitrary, eligibleAnswers, flaggedChangeArbitrary, onDateArb } from "./arbitraries.test-helpers.ts";
import { evaluateDraft, evaluateScreening, evaluateStored, gad7Severity, pegScore, phq9Severity } from "./evaluate.ts";
import { allQuestions } from "./form.ts";
import { getAtPath, parsePath } from "./paths.ts";
import { RULES, resultRank } from "./rules.ts";

const on = EXAMPLE_ON_DATE;
const withSafety = (patch: Partial<ScreeningAnswers["safety"]>, a = eligibleAnswers()): ScreeningAnswers => ({
  ...a,
  safety: { ...a.safety, ...patch },
});
const withWellbeing = (patch: Partial<ScreeningAnswers["wellbeing"]>, a = eligibleAnswers()): ScreeningAnswers => ({
  ...a,
  wellbeing: { ...a.wellbeing, ...patch },
});

describe("evaluateScreening", () => {
  it("an unflagged screen is eligible, with its PEG score", () => {
    expect(evaluateScreening(eligibleAnswers(), on)).toEqual({ result: "eligible", flags: [], scores: { peg: 7 }, notes: [] });
  });

  it("needs review when only review rules fire, listing each", () => {
    const e = evaluateScreening(withSafety({ pregnant: "possible", medications: ["Wellbutrin XL 150mg"] }), on);
    expect(e.result).toBe("needs_review");
    expect(e.flags).toEqual([
      { id: "pregnancy", label: "Possible pregnancy", result: "needs_review" },
      {
        id: "seizure_threshold_medication",
        label: "Takes a medication that lowers the seizure threshold (bupropion)",
        result: "needs_review",
      },
    ]);
  });

  it("not a candidate beats needs review, and both flags are listed", () => {
    const e = evaluateScreening(withSafety({ headImplants: ["cochlear_implant"], seizureHistory: true }), on);
    expect(e.result).toBe("not_candidate");
    expect(e.flags.map((f) => f.id)).toEqual(["head_implant", "seizure_history"]);
  });

  it("urgent beats everything, and every flag is still listed", () => {
    const a = withWellbeing(
      { safetyConcern: true, phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1] },
      withSafety({ headImplants: ["shunt"], bodyImplants: ["pacemaker"], familyEpilepsy: true }),
    );
    const e = evaluateScreening(a, on);
    expect(e.result).toBe("urgent");
    expect(e.flags.map((f) => [f.id, f.result])).toEqual([
      ["suicidal_ideation", "urgent"],
      ["safety_concern", "urgent"],
      ["head_implant", "not_candidate"],
      ["body_implant", "needs_review"],
      ["family_epilepsy", "needs_review"],
    ]);
  });

  it("under 18 on the screen date needs review; 18 on the day is eligible", () => {
    const a = eligibleAnswers();
    const born = { ...a, caller: { ...a.caller, dateOfBirth: "2008-11-25" } };
    expect(evaluateScreening(born, "2026-11-24").flags.map((f) => f.id)).toEqual(["under_18"]);
    expect(evaluateScreening(born, "2026-11-25").result).toBe("eligible");
  });

  it("shows fainting and substance use as notes, not flags", () => {
    const e = evaluateScreening(withWellbeing({ substanceUse: true }, withSafety({ fainting: true })), on);
    expect(e.result).toBe("eligible");
    expect(e.notes).toEqual(["Reports fainting spells", "Reports alcohol or substance use to cope"]);
  });

  it("refuses a malformed screen date", () => {
    expect(() => evaluateScreening(eligibleAnswers(), "2026-02-30")).toThrow(/onDate/);
    expect(() => evaluateScreening(eligibleAnswers(), "06/15/2026")).toThrow(/onDate/);
  });
});

describe("scores", () => {
  it.each([
    [[7, 6, 8], 7],
    [[1, 0, 0], 0.3],
    [[2, 0, 0], 0.7],
    [[5, 5, 6], 5.3],
    [[9, 10, 10], 9.7],
    [[0, 0, 0], 0],
    [[10, 10, 10], 10],
  ])("PEG of %j is %d", ([average = 0, enjoyment = 0, activity = 0], expected) => {
    expect(pegScore({ average, enjoyment, activity })).toBe(expected);
  });

  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "moderately_severe"],
    [19, "moderately_severe"],
    [20, "severe"],
    [27, "severe"],
  ] as const)("PHQ-9 total %d is %s", (total, severity) => {
    expect(phq9Severity(total)).toBe(severity);
  });

  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ] as const)("GAD-7 total %d is %s", (total, severity) => {
    expect(gad7Severity(total)).toBe(severity);
  });

  it("scores PHQ-9 and GAD-7 only when given", () => {
    const a = withWellbeing({ phq9: [3, 3, 2, 2, 1, 1, 1, 1, 0], gad7: [3, 3, 3, 3, 3, 0, 0] });
    expect(evaluateScreening(a, on).scores).toEqual({
      peg: 7,
      phq9: { total: 14, severity: "moderate" },
      gad7: { total: 15, severity: "severe" },
    });
    expect(evaluateScreening(eligibleAnswers(), on).scores.phq9).toBeUndefined();
  });
});

describe("evaluateDraft", () => {
  it("an empty draft is incomplete with no flags", () => {
    const e = evaluateDraft({}, on);
    expect(e).toMatchObject({ result: "incomplete", flags: [], complete: false, scores: {}, notes: [] });
    expect(e.missing).toContain("caller.relation");
  });

  it("raises a flag as soon as the answers it reads are in", () => {
    const e = evaluateDraft({ safety: { pregnant: "yes" }, pain: { durationMonths: 12 } }, on);
    expect(e.result).toBe("needs_review");
    expect(e.flags.map((f) => f.id)).toEqual(["pregnancy"]);
    expect(e.complete).toBe(false);
  });

  it("turns urgent on PHQ-9 item 9 before the other items are answered", () => {
    const e = evaluateDraft({ wellbeing: { phq9: [null, null, null, null, null, null, null, null, 2] } }, on);
    expect(e.result).toBe("urgent");
    expect(e.flags.map((f) => f.id)).toEqual(["suicidal_ideation"]);
    expect(e.scores.phq9).toBeUndefined();
  });

  it("does not guess: a rule whose answers are missing does not fire", () => {
    const e = evaluateDraft({ caller: { patientName: "Sam Lee" }, wellbeing: { phq9: [3, 3, 3, 3, 3, 3, 3, 3, null] } }, on);
    expect(e.flags).toEqual([]);
    expect(e.result).toBe("incomplete");
  });

  it("gives partial scores and notes", () => {
    const e = evaluateDraft({ pain: { peg: { average: 4, enjoyment: 5, activity: 6 } }, safety: { fainting: true } }, on);
    expect(e.scores).toEqual({ peg: 5 });
    expect(e.notes).toEqual(["Reports fainting spells"]);
  });

  it("once complete, is eligible only then, and equals evaluateScreening", () => {
    const e = evaluateDraft(eligibleAnswers(), on);
    expect(e).toEqual({ ...evaluateScreening(eligibleAnswers(), on), complete: true, missing: [] });
  });
});

describe("evaluateStored", () => {
  it("evaluates version 1 answers", () => {
    expect(evaluateStored({ formVersion: 1, answers: eligibleAnswers() }, on).result).toBe("eligible");
  });

  it("refuses an unknown form version, naming it", () => {
    expect(() => evaluateStored({ formVersion: 2, answers: eligibleAnswers() }, on)).toThrow(/Unknown screening form version 2; known versions: 1/);
    expect(() => evaluateStored({ formVersion: 0, answers: eligibleAnswers() }, on)).toThrow(/Unknown screening form version/);
  });

  it("refuses stored answers that do not match, naming the paths but not the values", () => {
    const a = eligibleAnswers();
    const bad = { ...a, caller: { ...a.caller, dateOfBirth: "1970-02-30", patientName: "" }, pain: { ...a.pain, durationMonths: -3 } };
    let message = "";
    try {
      evaluateStored({ formVersion: 1, answers: bad }, on);
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    expect(message).toBe("Stored screening answers do not match form version 1 at: caller.patientName, caller.dateOfBirth, pain.durationMonths");
    expect(message).not.toContain("1970");
  });
});

/** A draft that holds only some of a complete screen's answers (PHQ-9/GAD-7 items left out become null). */
function partOf(answers: ScreeningAnswers, keep: readonly boolean[]): ScreeningDraft {
  const draft: Record<string, unknown> = {};
  allQuestions().forEach((q, i) => {
    const value = getAtPath(answers, q.id);
    if (value === undefined || keep[i] !== true) return;
    const [section, field, third] = parsePath(q.id) as [string, string, string | number | undefined];
    const target = (draft[section] ??= {}) as Record<string, unknown>;
    if (typeof third === "number") {
      const length = field === "phq9" ? 9 : 7;
      const items = (target[field] ??= Array.from({ length }, () => null)) as unknown[];
      items[third] = value;
    } else if (third !== undefined) {
      ((target[field] ??= {}) as Record<string, unknown>)[third] = value;
    } else {
      target[field] = value;
    }
  });
  return draft as ScreeningDraft;
}

describe("properties", () => {
  it("(a) adding a flagged answer to any screen never improves its result", () => {
    fc.assert(
      fc.property(answersArbitrary, flaggedChangeArbitrary, onDateArb, (answers, change, onDate) => {
        const before = evaluateScreening(answers, onDate);
        const after = evaluateScreening(change.apply(answers, onDate), onDate);
        expect(resultRank(after.result)).toBeLessThanOrEqual(resultRank(before.result));
        expect(after.flags.map((f) => f.id)).toContain(change.rule);
      }),
    );
  });

  it("(a') on a clean screen, a flagged answer gives exactly that rule's result", () => {
    fc.assert(
      fc.property(cleanAnswersArbitrary, flaggedChangeArbitrary, onDateArb, (answers, change, onDate) => {
        expect(evaluateScreening(answers, onDate).result).toBe("eligible");
        const after = evaluateScreening(change.apply(answers, onDate), onDate);
        expect(after.flags.map((f) => f.id)).toEqual([change.rule]);
        expect(after.result).toBe(RULES.find((r) => r.id === change.rule)?.result);
      }),
    );
  });

  it("(b) PHQ-9 item 9 above 0 or a safety concern is always urgent", () => {
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        const result = evaluateScreening(answers, onDate).result;
        const risky = (answers.wellbeing.phq9?.[8] ?? 0) > 0 || answers.wellbeing.safetyConcern;
        expect(result === "urgent").toBe(risky);
      }),
    );
  });

  it("(c) the flags are exactly the rules that fire, in rule order", () => {
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        const expected = RULES.filter((r) => r.fires(answers, { onDate })).map((r) => r.id);
        expect(evaluateScreening(answers, onDate).flags.map((f) => f.id)).toEqual(expected);
      }),
    );
  });

  it("(d) a draft never shows a flag the finished screen would not have", () => {
    const keepArb = fc.array(fc.boolean(), { minLength: allQuestions().length, maxLength: allQuestions().length });
    fc.assert(
      fc.property(answersArbitrary, keepArb, onDateArb, (answers, keep, onDate) => {
        const draft = partOf(answers, keep);
        expect(ScreeningDraft.safeParse(draft).success).toBe(true);
        const final = evaluateScreening(answers, onDate).flags.map((f) => f.id);
        const live = evaluateDraft(draft, onDate);
        for (const flag of live.flags) expect(final).toContain(flag.id);
        if (live.result !== "incomplete") expect(resultRank(live.result)).toBeGreaterThanOrEqual(resultRank(evaluateScreening(answers, onDate).result));
      }),
    );
  });

  it("(e) a complete screen evaluated as a draft gives the same result and flags", () => {
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        const live = evaluateDraft(answers, onDate);
        expect(live.complete).toBe(true);
        const { complete: _complete, missing: _missing, ...rest } = live;
        expect(rest).toEqual(evaluateScreening(answers, onDate));
      }),
    );
  });
});

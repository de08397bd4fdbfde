// Tests: the answer schemas accept valid screens and drafts and reject bad values without echoing them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BODY_IMPLANT_LABELS,
  CONDITION_LABELS,
  HEAD_IMPLANT_LABELS,
  PAIN_CAUSES,
  PAIN_CAUSE_LABELS,
  PAIN_FEELING_LABELS,
  SYMPTOM_LABELS,
  ScreeningAnswers,
  ScreeningDraft,
  TREATMENT_TRIED_LABELS,
} from "./answers.ts";
import { CALLER_RELATIONS, CALLER_RELATION_LABELS } from "../lead/lead.ts";
import { answersArbitrary, eligibleAnswers } from "./arbitraries.test-helpers.ts";

/** A copy of the example answers with one value replaced at a path (a test-only helper). */
function withValue(path: (string | number)[], value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(eligibleAnswers()));
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) throw new Error("empty path");
  node[last] = value;
  return copy;
}

function issuesOf(input: unknown, schema: typeof ScreeningAnswers | typeof ScreeningDraft = ScreeningAnswers) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe("ScreeningAnswers", () => {
  it("accepts a complete screen, without the optional fields", () => {
    expect(ScreeningAnswers.safeParse(eligibleAnswers()).success).toBe(true);
  });

  it("accepts every generated complete screen", () => {
    fc.assert(fc.property(answersArbitrary, (a) => ScreeningAnswers.safeParse(a).success));
  });

  it("uses the seed's causes in snake_case", () => {
    expect(PAIN_CAUSES).toEqual([
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
    ]);
  });

  it("keeps the caller relations of form v1 (the list lives in lead.ts)", () => {
    expect(CALLER_RELATIONS).toEqual(["self", "family", "provider"]);
  });

  it("has a label for every choice", () => {
    for (const labels of [
      CALLER_RELATION_LABELS,
      PAIN_FEELING_LABELS,
      PAIN_CAUSE_LABELS,
      TREATMENT_TRIED_LABELS,
      SYMPTOM_LABELS,
      CONDITION_LABELS,
      HEAD_IMPLANT_LABELS,
      BODY_IMPLANT_LABELS,
    ]) {
      for (const label of Object.values(labels)) expect(label.trim()).not.toBe("");
    }
  });

  it("trims names", () => {
    const parsed = ScreeningAnswers.parse(withValue(["caller", "patientName"], "  Ana Ruiz "));
    expect(parsed.caller.patientName).toBe("Ana Ruiz");
  });

  // Each bad value carries a marker that must not come back in any message or issue.
  const rejected: [string, (string | number)[], unknown, string, RegExp][] = [
    ["PEG item above 10", ["pain", "peg", "average"], 11, "11", /0 to 10/],
    ["PEG item below 0", ["pain", "peg", "activity"], -7, "-7", /0 to 10/],
    ["PEG item not whole", ["pain", "peg", "enjoyment"], 6.25, "6.25", /whole number/],
    ["PHQ-9 item above 3", ["wellbeing", "phq9"], [0, 0, 0, 0, 0, 0, 0, 0, 7], "7", /0 \(not at all\) to 3/],
    ["PHQ-9 with 8 items", ["wellbeing", "phq9"], [1, 1, 1, 1, 1, 1, 1, 1], "8", /exactly 9/],
    ["GAD-7 with 8 items", ["wellbeing", "gad7"], [2, 2, 2, 2, 2, 2, 2, 2], "8", /exactly 7/],
    ["GAD-7 item not whole", ["wellbeing", "gad7"], [0, 0, 0, 0, 0, 0, 1.5], "1.5", /whole number/],
    ["DOB not a real date", ["caller", "dateOfBirth"], "1987-02-29", "1987", /YYYY-MM-DD/],
    ["DOB in another format", ["caller", "dateOfBirth"], "03/12/1970", "1970", /YYYY-MM-DD/],
    ["negative duration", ["pain", "durationMonths"], -4.5, "4.5", /months/],
    ["duration as text", ["pain", "durationMonths"], "Zq-six", "Zq-six", /months/],
    ["unknown relation", ["caller", "relation"], "Zqfriend", "Zqfriend", /one of self, family, provider/],
    ["unknown cause", ["pain", "causes"], ["Zqgout"], "Zqgout", /known causes/],
    ["name too long", ["caller", "patientName"], "Zqname".repeat(40), "Zqname", /200 characters/],
    ["empty name", ["caller", "patientName"], "   ", '"   "', /patient's name/],
    ["free text too long", ["safety", "otherConditions"], "Zqcond".repeat(400), "Zqcond", /2000 characters/],
    ["too many medications", ["safety", "medications"], Array.from({ length: 51 }, (_, i) => `Zqmed${i}`), "Zqmed", /at most 50/],
    ["a medication too long", ["safety", "medications"], ["Zqmed".repeat(50)], "Zqmed", /200 characters/],
    ["duplicate feelings", ["pain", "feelings"], ["dull", "dull"], "dull,dull", /at most once/],
    ["boolean as text", ["safety", "seizureHistory"], "Zqyes", "Zqyes", /yes or no/],
  ];
  it.each(rejected)("rejects %s with a message that says what to fix and hides the value", (_name, path, value, marker, says) => {
    const issues = issuesOf(withValue(path, value));
    expect(issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
    expect(issues.map((i) => i.message).join("\n")).toMatch(says);
    const everything = JSON.stringify(issues) + (ScreeningAnswers.safeParse(withValue(path, value)).error?.message ?? "");
    expect(everything).not.toContain(marker);
  });

  it("names each missing field in its path", () => {
    const copy = eligibleAnswers() as Partial<ReturnType<typeof eligibleAnswers>>;
    delete copy.readiness;
    const issues = issuesOf({ ...copy, pain: { ...eligibleAnswers().pain, durationMonths: undefined } });
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["pain.durationMonths", "readiness"]));
    expect(issues.find((i) => i.path.join(".") === "readiness")?.message).toBe('Answer the "Readiness" section');
  });

  it("rejects answers the form does not have (a misspelt id fails instead of vanishing)", () => {
    const issues = issuesOf({ ...eligibleAnswers(), safety: { ...eligibleAnswers().safety, seizureHistroy: true } });
    expect(issues[0]?.code).toBe("unrecognized_keys");
  });

  it("does not accept unanswered (null) questionnaire items in a complete screen", () => {
    issuesOf(withValue(["wellbeing", "phq9"], [0, 0, 0, 0, 0, 0, 0, 0, null]));
  });
});

describe("ScreeningDraft", () => {
  it("accepts an empty draft and a partial one", () => {
    expect(ScreeningDraft.safeParse({}).success).toBe(true);
    expect(
      ScreeningDraft.safeParse({
        caller: { patientName: "Sam Lee" },
        pain: { peg: { average: 4 } },
        wellbeing: { phq9: [1, null, null, null, null, null, null, null, 2] },
      }).success,
    ).toBe(true);
  });

  it("accepts any complete screen", () => {
    fc.assert(fc.property(answersArbitrary, (a) => ScreeningDraft.safeParse(a).success));
  });

  it("still checks the fields that are there", () => {
    const issues = issuesOf({ pain: { peg: { average: 12 } }, wellbeing: { gad7: [null, null] } }, ScreeningDraft);
    expect(issues.map((i) => i.path.join("."))).toEqual(["pain.peg.average", "wellbeing.gad7"]);
    expect(JSON.stringify(issues)).not.toContain("12");
  });

  it("rejects unknown sections", () => {
    expect(issuesOf({ insurance: {} }, ScreeningDraft)[0]?.code).toBe("unrecognized_keys");
  });
});

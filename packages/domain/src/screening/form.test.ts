// Tests: the v1 form matches the stored shape; branching, progress and missing fields of a draft.
import { describe, expect, it } from "vitest";
import type { ScreeningDraft } from "./answers.ts";
import { GAD7_ITEM_COUNT, PHQ9_ITEM_COUNT, SECTION_IDS, ScreeningAnswers } from "./answers.ts";
import { eligibleAnswers } from "./arbitraries.test-helpers.ts";
import {
  SCREENING_FORM,
  SCREENING_FORM_VERSION,
  allQuestions,
  isComplete,
  isQuestionVisible,
  missingFields,
  sectionProgress,
  toCompleteAnswers,
  visibleQuestions,
} from "./form.ts";

/** Every answer path of the stored shape, derived from the schema itself. */
function schemaLeaves(): string[] {
  const leaves: string[] = [];
  for (const [sectionId, section] of Object.entries(ScreeningAnswers.shape)) {
    for (const field of Object.keys(section.shape)) {
      const path = `${sectionId}.${field}`;
      if (path === "pain.peg") leaves.push("pain.peg.average", "pain.peg.enjoyment", "pain.peg.activity");
      else if (path === "wellbeing.phq9") for (let i = 0; i < PHQ9_ITEM_COUNT; i++) leaves.push(`${path}[${i}]`);
      else if (path === "wellbeing.gad7") for (let i = 0; i < GAD7_ITEM_COUNT; i++) leaves.push(`${path}[${i}]`);
      else leaves.push(path);
    }
  }
  return leaves;
}

describe("screening form v1", () => {
  it("is version 1", () => {
    expect(SCREENING_FORM_VERSION).toBe(1);
    expect(SCREENING_FORM.version).toBe(1);
  });

  it("has the six sections in the order docs/domain.md asks them", () => {
    expect(SCREENING_FORM.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    expect(SCREENING_FORM.sections.map((s) => s.id)).toEqual(["caller", "pain", "tried", "wellbeing", "safety", "readiness"]);
  });

  it("asks exactly the stored answers, each once, each in its own section", () => {
    const ids = allQuestions().map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(schemaLeaves().sort());
    for (const section of SCREENING_FORM.sections) {
      for (const q of section.questions) expect(q.id.startsWith(`${section.id}.`), q.id).toBe(true);
    }
  });

  it("marks only the referring provider optional", () => {
    expect(
      allQuestions()
        .filter((q) => q.optional)
        .map((q) => q.id),
    ).toEqual(["caller.referringProvider"]);
  });

  it("gives every question words and every choice a label", () => {
    for (const q of allQuestions()) {
      expect(q.label.trim(), q.id).not.toBe("");
      for (const o of q.options ?? []) expect(o.label.trim()).not.toBe("");
    }
  });

  it("reads the readiness script aloud: course, off-label, pre-work, payment", () => {
    const script = SCREENING_FORM.sections.find((s) => s.id === "readiness")?.script?.join(" ") ?? "";
    expect(script).toMatch(/25 to 30 sessions/);
    expect(script).toMatch(/30 to 40 minutes/);
    expect(script).toMatch(/most weekdays for several weeks/);
    expect(script).toMatch(/FDA to treat depression/);
    expect(script).toMatch(/off-label/);
    expect(script).toMatch(/physical exam, some lab tests and a psychiatric evaluation/);
    expect(script).toMatch(/insurance plan or pay/);
  });
});

describe("branching", () => {
  it("hides PHQ-9 and GAD-7 items until offered", () => {
    expect(isQuestionVisible("wellbeing.phq9[8]", {})).toBe(false);
    expect(isQuestionVisible("wellbeing.gad7[0]", {})).toBe(false);
    expect(isQuestionVisible("wellbeing.phq9[8]", {}, { phq9Offered: true, gad7Offered: false })).toBe(true);
    expect(isQuestionVisible("wellbeing.gad7[0]", {}, { phq9Offered: true, gad7Offered: false })).toBe(false);
    expect(isQuestionVisible("wellbeing.safetyConcern", {})).toBe(true);
  });

  it("keeps a questionnaire the draft already holds visible, whatever the toggle says", () => {
    const draft: ScreeningDraft = { wellbeing: { phq9: [null, null, null, null, null, null, null, null, 2] } };
    expect(isQuestionVisible("wellbeing.phq9[0]", draft, { phq9Offered: false })).toBe(true);
  });

  it("lists the visible questions in asking order", () => {
    const ids = visibleQuestions({}).map((q) => q.id);
    expect(ids).not.toContain("wellbeing.phq9[0]");
    expect(ids[0]).toBe("caller.relation");
    expect(ids.at(-1)).toBe("readiness.payment");
    expect(visibleQuestions({}, { gad7Offered: true }).filter((q) => q.questionnaire === "gad7")).toHaveLength(7);
  });

  it("throws on a question the form does not have", () => {
    expect(() => isQuestionVisible("pain.colour", {})).toThrow(/No screening question/);
  });
});

describe("progress and completeness", () => {
  const partial: ScreeningDraft = {
    caller: { relation: "family", patientName: "Sam Lee", dateOfBirth: "1980-01-02" },
    pain: { durationMonths: 8, peg: { average: 5 } },
    wellbeing: { phq9: [1, 1, null, null, null, null, null, null, 0] },
  };

  it("missingFields lists the required answers still missing, in asking order", () => {
    const missing = missingFields(partial);
    expect(missing.slice(0, 3)).toEqual(["caller.voicemailOk", "caller.textOk", "caller.heardFrom"]);
    expect(missing).toContain("pain.locations");
    expect(missing).toContain("pain.peg.enjoyment");
    expect(missing).not.toContain("pain.durationMonths");
    expect(missing).not.toContain("pain.peg.average");
    expect(missing).not.toContain("caller.referringProvider");
    // PHQ-9 was offered (its array is there): unanswered items are missing; GAD-7 was not.
    expect(missing).toContain("wellbeing.phq9[2]");
    expect(missing).not.toContain("wellbeing.phq9[8]");
    expect(missing.some((p) => p.startsWith("wellbeing.gad7"))).toBe(false);
    expect(missing.at(-1)).toBe("readiness.payment");
  });

  it("missingFields of an empty draft is every required question", () => {
    expect(missingFields({})).toHaveLength(allQuestions().filter((q) => !q.optional && !q.questionnaire).length);
    expect(missingFields({}, { gad7Offered: true })).toContain("wellbeing.gad7[6]");
  });

  it("sectionProgress counts required visible questions per section", () => {
    const progress = sectionProgress(partial);
    expect(progress.map((p) => p.id)).toEqual([...SECTION_IDS]);
    expect(progress.find((p) => p.id === "caller")).toMatchObject({ answered: 3, total: 6 });
    expect(progress.find((p) => p.id === "pain")).toMatchObject({ answered: 2, total: 9 });
    expect(progress.find((p) => p.id === "wellbeing")).toMatchObject({ answered: 3, total: 4 + 9 });
    expect(progress.find((p) => p.id === "readiness")).toMatchObject({ answered: 0, total: 4 });
  });

  it("a complete screen is complete, and converts to stored answers", () => {
    const answers = eligibleAnswers();
    expect(missingFields(answers)).toEqual([]);
    expect(isComplete(answers)).toBe(true);
    expect(toCompleteAnswers(answers)).toEqual(answers);
    expect(sectionProgress(answers).every((p) => p.answered === p.total)).toBe(true);
  });

  it("offering a questionnaire makes a screen incomplete until it is answered", () => {
    const answers = eligibleAnswers();
    expect(isComplete(answers, { phq9Offered: true })).toBe(false);
    expect(toCompleteAnswers(answers, { phq9Offered: true })).toBeNull();
    const withPhq9 = { ...answers, wellbeing: { ...answers.wellbeing, phq9: [0, 1, 0, 1, 0, 1, 0, 1, 0] } };
    expect(isComplete(withPhq9, { phq9Offered: true })).toBe(true);
  });

  it("a draft missing anything is not complete", () => {
    expect(isComplete(partial)).toBe(false);
    expect(toCompleteAnswers(partial)).toBeNull();
    const answers = eligibleAnswers();
    expect(isComplete({ ...answers, readiness: { ...answers.readiness, payment: undefined } })).toBe(false);
  });
});

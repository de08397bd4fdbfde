// Tests: the assessment a handoff's receiver reads, by receiver. Scheduling reads the result and the
// flags and nothing the clinician alone may read; the clinical receivers read all of it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ON_DATE, answersArbitrary, eligibleAnswers, onDateArb } from "../screening/arbitraries.test-helpers.ts";
import { evaluateScreening } from "../screening/evaluate.ts";
import { NOTES } from "../screening/rules.ts";
import { HANDOFF_TARGETS } from "./handoff.ts";
import { screeningAssessment } from "./assessment.ts";

/** An eligible screen that still carries notes for the clinician and every score. */
function eligibleWithNotes() {
  const answers = eligibleAnswers();
  answers.wellbeing.substanceUse = true;
  answers.wellbeing.phq9 = [1, 1, 1, 1, 1, 0, 0, 0, 0];
  answers.wellbeing.gad7 = [2, 1, 1, 1, 1, 0, 0];
  answers.safety.fainting = true;
  answers.safety.otherConditions = "Asthma";
  const screen = evaluateScreening(answers, EXAMPLE_ON_DATE);
  expect(screen.result).toBe("eligible");
  expect(screen.notes).toHaveLength(3);
  return screen;
}

describe("screeningAssessment", () => {
  it("gives the clinical pool and a named clinician the result, flags, scores and notes", () => {
    const screen = eligibleWithNotes();
    const full =
      "Screening result: Eligible. No flags. PEG 7/10. PHQ-9 5 (mild). GAD-7 6 (mild). " +
      "Notes: Reports fainting spells; Reports alcohol or substance use to cope; Lists other medical conditions — read them before clearing.";
    expect(screeningAssessment(screen, "clinical_pool")).toBe(full);
    expect(screeningAssessment(screen, "clinician")).toBe(full);
  });

  it("gives scheduling the result and flags only: no notes, no scores", () => {
    expect(screeningAssessment(eligibleWithNotes(), "scheduling")).toBe("Screening result: Eligible. No flags.");
  });

  it("names the flags for scheduling too, the way the clinician reads them", () => {
    const answers = eligibleAnswers();
    answers.safety.bodyImplants = ["pacemaker"];
    answers.wellbeing.substanceUse = true;
    const screen = evaluateScreening(answers, EXAMPLE_ON_DATE);
    const flags = `Flags: ${screen.flags.map((f) => f.label).join("; ")}.`;
    expect(screeningAssessment(screen, "scheduling")).toBe(`Screening result: Needs clinician review. ${flags}`);
    expect(screeningAssessment(screen, "clinical_pool")).toContain("Notes: Reports alcohol or substance use to cope.");
  });

  it("says so when the screen is not complete, whoever reads it", () => {
    for (const to of HANDOFF_TARGETS) {
      expect(screeningAssessment({ result: null, flags: null, scores: null, notes: ["Reports fainting spells"] }, to)).toBe("Screening not completed.");
    }
  });

  it("never gives scheduling a note or a score, whatever the screen", () => {
    const noteTexts = NOTES.map((n) => n.text);
    fc.assert(
      fc.property(answersArbitrary, onDateArb, (answers, onDate) => {
        const screen = evaluateScreening(answers, onDate);
        const line = screeningAssessment(screen, "scheduling");
        for (const text of noteTexts) expect(line).not.toContain(text);
        expect(line).not.toMatch(/Notes:|PEG|PHQ-9 \d|GAD-7 \d/);
        // The clinician's line starts with the very words scheduling reads.
        expect(screeningAssessment(screen, "clinical_pool").startsWith(line)).toBe(true);
      }),
    );
  });
});

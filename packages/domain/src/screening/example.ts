// A complete screen of an adult with long-standing pain and nothing that flags: the example tests
// and demos start from, changing one answer at a time.
import type { ScreeningAnswers } from "./answers.ts";

export function exampleEligibleAnswers(patientName = "Test Patient"): ScreeningAnswers {
  return {
    caller: {
      relation: "self",
      patientName,
      dateOfBirth: "1971-03-14",
      voicemailOk: true,
      textOk: false,
      heardFrom: "Physician referral",
    },
    pain: {
      durationMonths: 30,
      locations: ["lower back"],
      feelings: ["dull", "stiffness"],
      pattern: "daily",
      causes: ["back_issues"],
      kind: "nociceptive",
      peg: { average: 7, enjoyment: 6, activity: 6 },
    },
    tried: { treatments: ["physical_therapy", "medication"], helped: "partly" },
    wellbeing: { symptoms: ["sleep"], conditions: ["stress"], substanceUse: false, safetyConcern: false },
    safety: {
      headImplants: [],
      bodyImplants: [],
      pregnant: "no",
      seizureHistory: false,
      familyEpilepsy: false,
      brainInjury: false,
      severeHeadaches: false,
      fainting: false,
      priorTms: "no",
      medications: ["ibuprofen"],
      otherConditions: "",
    },
    readiness: { understandsCourse: true, understandsOffLabel: true, canAttendPrework: true, payment: "insurance" },
  };
}

/**
 * One screen of each kind the rules tell apart, each a change of the eligible example: the profiles
 * tests run through whatever reads a whole screen (the FHIR export validates every one of them).
 */
export const EXAMPLE_SCREENING_PROFILES: Readonly<Record<string, (patientName?: string) => ScreeningAnswers>> = {
  eligible: (name) => exampleEligibleAnswers(name),
  eligibleWithQuestionnaires: (name) => {
    const a = exampleEligibleAnswers(name);
    return { ...a, wellbeing: { ...a.wellbeing, conditions: ["depression", "anxiety"], phq9: [1, 2, 1, 1, 0, 1, 0, 0, 0], gad7: [2, 1, 1, 0, 1, 1, 0] } };
  },
  familyCallerWithReferral: (name) => {
    const a = exampleEligibleAnswers(name);
    return { ...a, caller: { ...a.caller, relation: "family", textOk: true, referringProvider: "Dr. Lena Ortiz, pain clinic" } };
  },
  needsReview: (name) => {
    const a = exampleEligibleAnswers(name);
    return {
      ...a,
      pain: { ...a.pain, durationMonths: 2.5, kind: "unknown" },
      safety: { ...a.safety, bodyImplants: ["pacemaker"], medications: ["bupropion 150mg", "ibuprofen"], otherConditions: "asthma" },
    };
  },
  notCandidate: (name) => {
    const a = exampleEligibleAnswers(name);
    return { ...a, safety: { ...a.safety, headImplants: ["cochlear_implant"] } };
  },
  urgent: (name) => {
    const a = exampleEligibleAnswers(name);
    return { ...a, wellbeing: { ...a.wellbeing, conditions: ["depression"], phq9: [2, 2, 1, 1, 1, 2, 1, 0, 2], safetyConcern: true } };
  },
};

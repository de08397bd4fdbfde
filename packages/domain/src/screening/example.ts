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

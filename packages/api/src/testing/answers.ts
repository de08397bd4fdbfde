// The example eligible screen, for API tests; each test changes one answer at a time.
export { exampleEligibleAnswers as eligibleAnswers } from "@intake/domain";

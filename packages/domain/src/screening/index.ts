// The screening module's public API: answer schemas, the form, the rules and their evaluation.
export * from "./answers.ts";
export * from "./form.ts";
export * from "./rules.ts";
export * from "./evaluate.ts";
export { ageOn, isIsoDate, parseIsoDate, type CalendarDate } from "./dates.ts";
export { getAtPath, isAnswered, parsePath, type PathSegment } from "./paths.ts";
export * from "./inputs.ts";
export * from "./example.ts";
export { screeningBackground } from "./background.ts";

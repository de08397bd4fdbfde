export * from "./npi.ts";
export * from "./referrer.ts";
export * from "./duplicates.ts";
export * from "./scorecard.ts";
export * from "./letters.ts";

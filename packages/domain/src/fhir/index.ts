// The FHIR R4 export's public API: the bundle of a lead, the screening form as a Questionnaire, inputs.
export * from "./bundle.ts";
export * from "./inputs.ts";
export * from "./questionnaire.ts";
export * from "./systems.ts";

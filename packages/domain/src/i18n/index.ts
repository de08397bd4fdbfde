export * from "./i18n.ts";
export * from "./screeningForm.ts";

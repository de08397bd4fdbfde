// The languages a caller may prefer. Caller-facing text (screening scripts, the clinic's answers,
// calendar invitations) exists in English and Spanish; any other language is read in English by an
// interpreter, so a lead in one of them gets `interpreterNeeded` suggested on the lead page.
import { z } from "zod";

export const CALLER_LANGUAGES = ["en", "es", "zh", "ko", "hy", "tl", "vi", "fa", "ru", "other"] as const;
export type CallerLanguage = (typeof CALLER_LANGUAGES)[number];

/** The staff interface is English; these are the names a coordinator picks from. */
export const CALLER_LANGUAGE_LABELS: Record<CallerLanguage, string> = {
  en: "English",
  es: "Spanish (Español)",
  zh: "Chinese",
  ko: "Korean",
  hy: "Armenian",
  tl: "Tagalog",
  vi: "Vietnamese",
  fa: "Persian (Farsi)",
  ru: "Russian",
  other: "Another language",
};

/** Languages with caller-facing text of their own. */
export const SCRIPT_LANGUAGES = ["en", "es"] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

export const CallerLanguage = z.enum(CALLER_LANGUAGES, { message: `Language must be one of: ${CALLER_LANGUAGES.join(", ")}` });

/** The caller-facing text for a caller's language: Spanish, else English (read through an interpreter). */
export function scriptLanguageFor(language: CallerLanguage | null | undefined): ScriptLanguage {
  return language === "es" ? "es" : "en";
}

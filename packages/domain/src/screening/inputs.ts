// API inputs for working a screening: start (or resume), autosave a draft, complete, read.
import { z } from "zod";
import { Id } from "../common.ts";
import { CallerLanguage } from "../language/language.ts";
import { ScreeningDraft } from "./answers.ts";

export const Offered = z.object({
  phq9Offered: z.boolean().default(false),
  gad7Offered: z.boolean().default(false),
});
export type Offered = z.infer<typeof Offered>;

export const ScreeningStartInput = z.object({ leadId: Id });
export const ScreeningSaveInput = z.object({
  id: Id,
  answers: ScreeningDraft,
  /** Which optional questionnaires the coordinator offered, so the form asks them. */
  offered: Offered.optional(),
});
export type ScreeningSaveInput = z.infer<typeof ScreeningSaveInput>;
export const ScreeningCompleteInput = z.object({ id: Id });
export const ScreeningByLeadInput = z.object({ leadId: Id });
/** The form in a caller's language; a language without scripts of its own gets English (read through an interpreter). */
export const ScreeningFormInput = z.object({ language: CallerLanguage.default("en") }).default({ language: "en" });

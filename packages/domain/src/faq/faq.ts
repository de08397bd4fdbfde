// The clinic's answers panel: inputs of faq.list / faq.update / faq.approve / faq.history and the
// search the panel runs as the coordinator types.
import { z } from "zod";
import { plainText } from "../common.ts";
import { SCRIPT_LANGUAGES } from "../language/language.ts";
import { FAQ_CONTENT } from "./content.ts";

export const FAQ_IDS = FAQ_CONTENT.map((e) => e.id) as [string, ...string[]];
export const FaqId = z.enum(FAQ_IDS, { message: "Unknown answer: pick one from faq.list" });
export const ScriptLanguageInput = z.enum(SCRIPT_LANGUAGES, { message: `Language must be one of: ${SCRIPT_LANGUAGES.join(", ")}` });

export const FaqListInput = z.object({ language: ScriptLanguageInput.optional() }).optional();
export type FaqListInput = z.infer<typeof FaqListInput>;

const faqText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} can be at most ${max} characters: keep it short enough to read aloud`)
    .superRefine(plainText(`The ${what}`));

export const FaqUpdateInput = z.object({
  id: FaqId,
  language: ScriptLanguageInput,
  question: faqText("question", 200),
  answer: faqText("answer", 800),
  /** An admin may hold an answer back for a clinician; only a clinician's faq.approve releases it. */
  needsClinicianApproval: z.boolean().optional(),
});
export type FaqUpdateInput = z.infer<typeof FaqUpdateInput>;

export const FaqIdInput = z.object({ id: FaqId });

/** One answer as the panel shows it: in the asked language, with the English beside it. */
export interface FaqItem {
  id: string;
  question: string;
  answer: string;
  english: { question: string; answer: string };
  version: number;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * The answers that match what was typed: every word must appear in the question or the answer, in
 * either language, accents ignored; matches in the question come first.
 */
export function searchFaq<T extends FaqItem>(items: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const phrase = words.join(" ");
  const scored = items.flatMap((item) => {
    const questions = fold(`${item.question} ${item.english.question}`);
    const all = `${questions} ${fold(`${item.answer} ${item.english.answer}`)}`;
    if (!words.every((w) => all.includes(w))) return [];
    const score = (questions.includes(phrase) ? 2 : 0) + (words.every((w) => questions.includes(w)) ? 1 : 0);
    return [{ item, score }];
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}

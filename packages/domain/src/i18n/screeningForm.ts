// The screening form as the screen renders it for one caller: every caller-facing script in the
// caller's language with the English beside it for the coordinator. Ids, kinds, option ids and
// limits are the form's own, so recorded answers are the same whatever the language.
import type { ScriptLanguage } from "../language/language.ts";
import { SCREENING_FORM, SCREENING_FORM_VERSION, URGENT_SCRIPT, type FormSection, type Question } from "../screening/form.ts";
import { callerT, COORDINATOR_ONLY_QUESTIONS, optionKey, questionKey, sectionScriptKey } from "./i18n.ts";

/** A line the coordinator reads out, and the English they understand it by. */
export interface Script {
  text: string;
  english: string;
}

export interface LocalizedQuestion extends Omit<Question, "options"> {
  /** What the coordinator reads out, in the caller's language (English for coordinator-only questions). */
  script: Script;
  options?: { id: string | number; label: string; english: string }[];
}

export interface LocalizedSection extends Omit<FormSection, "script" | "questions"> {
  script?: Script[];
  questions: LocalizedQuestion[];
}

export interface LocalizedScreeningForm {
  version: typeof SCREENING_FORM_VERSION;
  language: ScriptLanguage;
  sections: LocalizedSection[];
  urgentScript: Script[];
}

export function screeningFormIn(language: ScriptLanguage): LocalizedScreeningForm {
  const t = callerT(language);
  const say = (key: string, english: string): Script => ({ text: t(key, { defaultValue: english }), english });
  const question = (q: Question): LocalizedQuestion => {
    const { options, ...rest } = q;
    return {
      ...rest,
      script: COORDINATOR_ONLY_QUESTIONS.has(q.id) ? { text: q.label, english: q.label } : say(questionKey(q), q.label),
      ...(options ? { options: options.map((o) => ({ id: o.id, label: t(optionKey(q, o.id), { defaultValue: o.label }), english: o.label })) } : {}),
    };
  };
  return {
    version: SCREENING_FORM_VERSION,
    language,
    sections: SCREENING_FORM.sections.map(({ script, questions, ...section }) => ({
      ...section,
      ...(script ? { script: script.map((line, i) => say(sectionScriptKey(section.id, i), line)) } : {}),
      questions: questions.map(question),
    })),
    urgentScript: URGENT_SCRIPT.map((line, i) => say(`urgent.${i}`, line)),
  };
}

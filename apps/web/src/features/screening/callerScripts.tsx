// The screening form's caller-facing scripts in the caller's language (screening.form), for a caller
// who does not speak English; null for English, where the form's own words are the script.
import { useQuery } from "@tanstack/react-query";
import type { LocalizedQuestion, Script } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { useCallerLanguage } from "../faq/callerLanguage.tsx";

export interface CallerScripts {
  language: string;
  question: (id: string) => LocalizedQuestion | undefined;
  section: (id: string) => readonly Script[] | undefined;
  urgent: readonly Script[];
}

export function useCallerScripts(): CallerScripts | null {
  const trpc = useTRPC();
  const language = useCallerLanguage();
  const form = useQuery(trpc.screening.form.queryOptions({ language }, { enabled: language !== "en", staleTime: Infinity }));
  if (language === "en" || !form.data) return null;
  const questions = new Map(form.data.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  const sections = new Map<string, readonly Script[] | undefined>(form.data.sections.map((s) => [s.id, s.script]));
  return { language: form.data.language, question: (id) => questions.get(id), section: (id) => sections.get(id), urgent: form.data.urgentScript };
}

/** What to read out for one question, in the caller's language, with its choices; English is the control's own label beside it. */
export function QuestionScript({ question, language }: { question: LocalizedQuestion; language: string }) {
  if (question.script.text === question.script.english) return null;
  return (
    <p className="question-script">
      <span className="script-label">Read</span> <span lang={language}>{question.script.text}</span>
      {question.options?.length ? (
        <span className="question-script-options" lang={language}>
          {" "}
          ({question.options.map((o) => o.label).join(" · ")})
        </span>
      ) : null}
    </p>
  );
}

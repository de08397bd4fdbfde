// A screening's full answers, readable: grouped by section, each question's words and the answer in words.
import { NOTES, RULES, SCREENING_FORM, ScreeningDraft, ageOn, getAtPath, parseIsoDate, type Question } from "@intake/domain";
import { FLAG_TAG, RESULT_TONE, type StoredFlag } from "./results.ts";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function listText(value: readonly unknown[], label: (item: unknown) => string): string {
  return value.length === 0 ? "None" : value.map(label).join(", ");
}

/** An answer in words, or null when it was not given. */
export function answerText(question: Question, value: unknown, onDate: string): string | null {
  if (value === undefined || value === null) return null;
  const optionLabel = (item: unknown) => question.options?.find((o) => o.id === item)?.label ?? String(item);
  switch (question.kind) {
    case "yes_no":
      return value === true ? "Yes" : "No";
    case "single_choice":
      return optionLabel(value);
    case "scale":
      return question.options ? `${String(value)} — ${optionLabel(value)}` : `${String(value)} / ${question.max ?? 10}`;
    case "multi_choice":
      return Array.isArray(value) ? listText(value, optionLabel) : String(value);
    case "text_list":
      return Array.isArray(value) ? listText(value, String) : String(value);
    case "long_text":
      return value === "" ? "None" : String(value);
    case "date": {
      const date = typeof value === "string" ? parseIsoDate(value) : null;
      if (!date || typeof value !== "string") return String(value);
      const shown = dateFormat.format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
      return `${shown} (age ${ageOn(value, onDate)} on the day of the screen)`;
    }
    case "number":
      return question.id === "pain.durationMonths" ? `${String(value)} months` : String(value);
    case "short_text":
      return String(value);
  }
}

/** Which answers raised a flag (by the paths its rule reads) or a note for the clinician that applies. */
function marksByPath(flags: readonly StoredFlag[], answers: unknown): Map<string, { tag: string; tone: string }> {
  const marks = new Map<string, { tag: string; tone: string }>();
  const draft = ScreeningDraft.safeParse(answers);
  const notes = draft.success ? NOTES.filter((note) => note.applies(draft.data)) : [];
  for (const note of notes) for (const path of note.reads) marks.set(path, { tag: "Note", tone: RESULT_TONE.incomplete });
  for (const flag of flags) {
    const rule = RULES.find((r) => r.id === flag.id);
    for (const path of rule?.reads ?? []) marks.set(path, { tag: FLAG_TAG[flag.result], tone: RESULT_TONE[flag.result] });
  }
  return marks;
}

interface ScreeningAnswersViewProps {
  answers: unknown;
  /** The screen's flags: the answers behind them are marked. */
  flags?: readonly StoredFlag[];
  /** The day of the screen, YYYY-MM-DD: ages are taken on it. */
  onDate: string;
  headingLevel?: 2 | 3;
}

export function ScreeningAnswersView({ answers, onDate, flags = [], headingLevel = 3 }: ScreeningAnswersViewProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const marks = marksByPath(flags, answers);
  return (
    <div className="answers">
      {SCREENING_FORM.sections.map((section) => {
        // PHQ-9 and GAD-7 appear only when they were given.
        const shown = section.questions.filter((q) => !q.questionnaire || getAtPath(answers, q.id) !== undefined);
        return (
          <section key={section.id} className="answers-section" aria-labelledby={`answers-${section.id}`}>
            <Heading id={`answers-${section.id}`}>{section.title}</Heading>
            <dl className="answers-list">
              {shown.map((question) => {
                const text = answerText(question, getAtPath(answers, question.id), onDate);
                const mark = marks.get(question.id);
                return (
                  <div key={question.id} className={mark ? `answers-row answers-flagged tone-${mark.tone}` : "answers-row"}>
                    <dt>{question.label}</dt>
                    <dd className={text === null ? "muted" : undefined}>
                      {mark ? <span className="answers-flag-tag">{mark.tag}</span> : null}
                      {text ?? "Not answered"}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </div>
  );
}

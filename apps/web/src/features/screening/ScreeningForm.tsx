// The screening questions as one scrolling form: the six sections in asking order, the scripts to
// read aloud, PHQ-9 and GAD-7 behind their Offer toggles, and Enter to move to the next open question.
import type { KeyboardEvent } from "react";
import {
  SCREENING_FORM,
  isQuestionVisible,
  type DraftEvaluation,
  type FormSection,
  type Offered,
  type Question,
  type Questionnaire,
  type ScreeningDraft,
  type SectionProgress,
} from "@intake/domain";
import { answerAt, isOffered, QUESTIONNAIRE_NAMES, sectionDomId } from "./draft.ts";
import { questionOf } from "./focusQuestion.ts";
import { QuestionField } from "./QuestionField.tsx";
import { QuestionScript, useCallerScripts } from "./callerScripts.tsx";
import { severityWords } from "./results.ts";

interface ScreeningFormProps {
  draft: ScreeningDraft;
  offered: Offered;
  evaluation: DraftEvaluation;
  progress: readonly SectionProgress[];
  today: string;
  /** Questions to mark as still open (after Complete was pressed too early). */
  missingShown: ReadonlySet<string>;
  onAnswer: (path: string, value: unknown) => void;
  onOffer: (name: Questionnaire, on: boolean) => void;
  /** Move to the next unanswered question after the one given (its path), or from the top. */
  onNext: (from: string | null) => void;
}

const QUESTIONNAIRE_ABOUT: Record<Questionnaire, { what: string; script: string }> = {
  phq9: {
    what: "Nine questions about mood over the last two weeks. Item 9 asks about thoughts of self-harm.",
    script: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  },
  gad7: {
    what: "Seven questions about anxiety over the last two weeks.",
    script: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  },
};

export function ScreeningForm(props: ScreeningFormProps) {
  // Enter in a one-line field (radios and boxes too) moves on, as on paper; Ctrl+Enter from a text
  // area. Buttons and links keep Enter for themselves.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement) {
      if (!event.ctrlKey && !event.metaKey) return;
    } else if (!(target instanceof HTMLInputElement)) {
      return;
    }
    event.preventDefault();
    props.onNext(questionOf(target));
  }

  return (
    <form className="screening-form" aria-label="Screening questions" noValidate onSubmit={(e) => e.preventDefault()} onKeyDown={onKeyDown}>
      {SCREENING_FORM.sections.map((section, index) => (
        <FormSectionView key={section.id} {...props} section={section} number={index + 1} counts={props.progress.find((p) => p.id === section.id)} />
      ))}
    </form>
  );
}

function FormSectionView(props: ScreeningFormProps & { section: FormSection; number: number; counts: SectionProgress | undefined }) {
  const { section, counts } = props;
  const headingId = `${sectionDomId(section.id)}-heading`;
  const rendered = new Set<Questionnaire>();
  const translated = useCallerScripts();

  return (
    <section id={sectionDomId(section.id)} className="panel screening-section" aria-labelledby={headingId}>
      <div className="screening-section-head">
        <h2 id={headingId} tabIndex={-1}>
          {props.number}. {section.title}
        </h2>
        {counts ? (
          <span className="screening-section-count">
            {counts.answered} of {counts.total} answered
          </span>
        ) : null}
      </div>
      {section.script ? <Script paragraphs={section.script} translated={translated?.section(section.id)} language={translated?.language} /> : null}
      <div className="question-list">
        {section.questions.map((question, index) => {
          const name = question.questionnaire;
          if (name) {
            if (rendered.has(name)) return null;
            rendered.add(name);
            const before = section.questions[index - 1]?.id ?? null;
            return <QuestionnaireBlock key={name} name={name} afterQuestion={before} {...props} />;
          }
          return <QuestionRow key={question.id} question={question} {...props} />;
        })}
      </div>
    </section>
  );
}

/** Read aloud: in the caller's language when it is not English, the English under each paragraph for the coordinator. */
function Script({
  paragraphs,
  translated,
  language,
}: {
  paragraphs: readonly string[];
  translated?: readonly { text: string; english: string }[] | undefined;
  language?: string | undefined;
}) {
  return (
    <div className="script">
      <p className="script-label">Read to the caller</p>
      {translated
        ? translated.map((line) => (
            <div key={line.english} className="script-pair">
              <p lang={language}>{line.text}</p>
              <p lang="en" className="script-english">
                {line.english}
              </p>
            </div>
          ))
        : paragraphs.map((text) => <p key={text}>{text}</p>)}
    </div>
  );
}

function QuestionRow(props: ScreeningFormProps & { question: Question }) {
  const { question, draft, evaluation } = props;
  const translated = useCallerScripts();
  const script = translated?.question(question.id);
  // The PEG score appears under its last question as soon as all three are in.
  const after =
    question.id === "pain.peg.activity" ? (
      <p className="score-line">
        PEG score (average of the three): <output>{evaluation.scores.peg !== undefined ? `${evaluation.scores.peg.toFixed(1)} / 10` : "—"}</output>
      </p>
    ) : undefined;
  return (
    <>
      {script && translated ? <QuestionScript question={script} language={translated.language} /> : null}
      <QuestionField
        question={question}
        value={answerAt(draft, question.id)}
        onChange={(value) => props.onAnswer(question.id, value)}
        today={props.today}
        missing={props.missingShown.has(question.id)}
        after={after}
      />
    </>
  );
}

function QuestionnaireBlock(props: ScreeningFormProps & { name: Questionnaire; afterQuestion: string | null; section: FormSection }) {
  const { name, draft, offered, section, evaluation } = props;
  const on = isOffered(name, draft, offered);
  const title = QUESTIONNAIRE_NAMES[name];
  const items = section.questions.filter((q) => q.questionnaire === name && isQuestionVisible(q.id, draft, offered));
  const score = evaluation.scores[name];
  const toggleId = `offer-${name}`;

  return (
    <div className="questionnaire" data-after-question={props.afterQuestion ?? undefined}>
      <div className="questionnaire-toggle">
        <label className="choice-option" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={on} aria-describedby={`${toggleId}-about`} onChange={(e) => props.onOffer(name, e.target.checked)} />
          Offer {title}
        </label>
        <p id={`${toggleId}-about`} className="field-hint">
          Optional. {QUESTIONNAIRE_ABOUT[name].what}
        </p>
      </div>
      {on ? (
        <div className="questionnaire-items" role="group" aria-label={title}>
          <Script paragraphs={[QUESTIONNAIRE_ABOUT[name].script]} />
          {items.map((question) => (
            <QuestionRow key={question.id} question={question} {...props} />
          ))}
          <p className="score-line">
            {title} total:{" "}
            <output>{score ? `${score.total} / ${name === "phq9" ? 27 : 21} — ${severityWords(score.severity)}` : "— (after every item)"}</output>
          </p>
        </div>
      ) : null}
    </div>
  );
}

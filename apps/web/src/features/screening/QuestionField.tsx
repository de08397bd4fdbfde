// One screening question as a native control: radio and checkbox groups in fieldsets with legends,
// text, number and date inputs; each writes a value the draft schema accepts, or nothing.
import { useState, type ReactNode } from "react";
import { ageOn, isIsoDate, type ChoiceOption, type Question } from "@intake/domain";
import { FieldError } from "../../ui/Field.tsx";
import { questionDomId } from "./draft.ts";

type ChoiceValue = string | number | boolean;

interface QuestionFieldProps {
  question: Question;
  value: unknown;
  /** `undefined` makes the question unanswered again. */
  onChange: (value: unknown) => void;
  /** The day of the screen, YYYY-MM-DD (for the age shown under a date of birth). */
  today: string;
  /** Shown after Complete was pressed with this question still open. */
  missing: boolean;
  /** Extra content under the control (e.g. the PEG score). */
  after?: ReactNode;
}

const YES_NO: readonly { value: boolean; label: string }[] = [
  { value: true, label: "Yes" },
  { value: false, label: "No" },
];

/** What "none" is called where an empty list is a real answer; a list without an entry has no "none". */
const NONE_LABELS: Record<string, string> = {
  "pain.feelings": "None of these",
  "pain.causes": "No known cause",
  "tried.treatments": "Nothing yet",
  "wellbeing.symptoms": "None of these",
  "wellbeing.conditions": "None of these",
  "safety.headImplants": "None (dental fillings do not count)",
  "safety.bodyImplants": "None",
  "safety.medications": "Takes no medications or supplements",
  "safety.otherConditions": "No other conditions",
};

const MISSING_TEXT = "Still to answer";

function ids(question: Question, missing: boolean, error?: string) {
  const id = questionDomId(question.id);
  const hintId = question.help ? `${id}-hint` : undefined;
  const missingId = missing ? `${id}-missing` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, missingId, hintId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, missingId, errorId, describedBy };
}

/**
 * A questionnaire item's label repeats the stem ("Over the last 2 weeks, …:") that its block shows
 * once above the items; on screen only the item shows, while a screen reader still hears it whole.
 */
function QuestionLabel({ question }: { question: Question }) {
  const cut = question.questionnaire ? question.label.indexOf(": ") : -1;
  if (cut < 0) return <>{question.label}</>;
  const number = Number(/\[(\d+)\]$/.exec(question.id)?.[1] ?? 0) + 1;
  return (
    <>
      <span className="visually-hidden">{question.label.slice(0, cut + 2)}</span>
      <span className="item-number" aria-hidden="true">
        {number}.
      </span>{" "}
      {question.label.slice(cut + 2)}
    </>
  );
}

function Hint({ id, text }: { id: string | undefined; text: string | undefined }) {
  return text ? (
    <p id={id} className="field-hint">
      {text}
    </p>
  ) : null;
}

function MissingNote({ id }: { id: string | undefined }) {
  return id ? (
    <p id={id} className="question-missing-note">
      {MISSING_TEXT}
    </p>
  ) : null;
}

function className(missing: boolean, extra = ""): string {
  return ["question", missing ? "question-missing" : "", extra].filter(Boolean).join(" ");
}

export function QuestionField(props: QuestionFieldProps) {
  const { question } = props;
  switch (question.kind) {
    case "yes_no":
      return <RadioQuestion {...props} options={YES_NO} />;
    case "single_choice":
      return <RadioQuestion {...props} options={choiceOptions(question.options)} />;
    case "scale":
      return question.options ? <RadioQuestion {...props} options={choiceOptions(question.options)} /> : <NumberQuestion {...props} integer />;
    case "multi_choice":
      return <CheckboxQuestion {...props} />;
    case "number":
      return <NumberQuestion {...props} integer={false} />;
    case "date":
      return <DateQuestion {...props} />;
    case "short_text":
      return <TextQuestion {...props} />;
    case "text_list":
      return <TextListQuestion {...props} />;
    case "long_text":
      return <LongTextQuestion {...props} />;
  }
}

function choiceOptions(options: readonly ChoiceOption[] | undefined): { value: ChoiceValue; label: string }[] {
  return (options ?? []).map((o) => ({ value: o.id, label: o.label }));
}

function RadioQuestion(props: QuestionFieldProps & { options: readonly { value: ChoiceValue; label: string }[] }) {
  const { question, value, onChange, missing } = props;
  const i = ids(question, missing);
  const long = props.options.some((o) => o.label.length > 28);
  return (
    <fieldset id={i.id} className={className(missing)} aria-describedby={i.describedBy} data-question={question.id}>
      <legend>
        <QuestionLabel question={question} />
      </legend>
      <Hint id={i.hintId} text={question.help} />
      <div className={long ? "choice-options choice-options-stacked" : "choice-options"}>
        {props.options.map((option) => (
          <label key={String(option.value)} className="choice-option">
            <input type="radio" name={i.id} value={String(option.value)} checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
      <MissingNote id={i.missingId} />
      {props.after}
    </fieldset>
  );
}

function CheckboxQuestion(props: QuestionFieldProps) {
  const { question, value, onChange, missing } = props;
  const i = ids(question, missing);
  const options = question.options ?? [];
  const chosen: readonly unknown[] = Array.isArray(value) ? value : [];
  const noneLabel = NONE_LABELS[question.id] ?? "None of these";

  function toggle(id: ChoiceValue, on: boolean) {
    const next = options.map((o) => o.id).filter((o) => (o === id ? on : chosen.includes(o)));
    // Unticking the last box leaves the question open; "none" is said with its own box.
    onChange(next.length ? next : undefined);
  }

  return (
    <fieldset id={i.id} className={className(missing)} aria-describedby={i.describedBy} data-question={question.id}>
      <legend>{question.label}</legend>
      <Hint id={i.hintId} text={question.help} />
      <div className="choice-options choice-options-wrap">
        {/* First, because for most of these lists it is the common answer and the first key press. */}
        <label className="choice-option choice-none">
          <input
            type="checkbox"
            name={i.id}
            value="none"
            checked={Array.isArray(value) && value.length === 0}
            onChange={(e) => onChange(e.target.checked ? [] : undefined)}
          />
          {noneLabel}
        </label>
        {options.map((option) => (
          <label key={String(option.id)} className="choice-option">
            <input
              type="checkbox"
              name={i.id}
              value={String(option.id)}
              checked={chosen.includes(option.id)}
              onChange={(e) => toggle(option.id, e.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <MissingNote id={i.missingId} />
      {props.after}
    </fieldset>
  );
}

function TextQuestion(props: QuestionFieldProps) {
  const { question, value, onChange, missing } = props;
  // Each text box keeps what is typed (spaces and all); the draft gets the trimmed text, or nothing.
  const [text, setText] = useState(() => (typeof value === "string" ? value : ""));
  const i = ids(question, missing);
  return (
    <div className={className(missing)} data-question={question.id}>
      <label htmlFor={i.id}>
        {question.label}
        {question.optional ? <span className="optional"> (optional)</span> : null}
      </label>
      <Hint id={i.hintId} text={question.help} />
      <input
        id={i.id}
        type="text"
        autoComplete="off"
        maxLength={200}
        value={text}
        aria-describedby={i.describedBy}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() || undefined);
        }}
      />
      <MissingNote id={i.missingId} />
    </div>
  );
}

/** Entries are separated by commas, semicolons or new lines; a comma between digits (1,000 mg) is not a separator. */
export function splitList(text: string): string[] {
  return text
    .split(/\s*(?:[;\n]|,(?!\d))\s*/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function TextListQuestion(props: QuestionFieldProps) {
  const { question, value, onChange, missing } = props;
  const [text, setText] = useState(() => (Array.isArray(value) ? value.join(", ") : ""));
  const i = ids(question, missing);
  const noneLabel = NONE_LABELS[question.id];
  const saysNone = Array.isArray(value) && value.length === 0;
  return (
    <div className={className(missing)} data-question={question.id}>
      <label htmlFor={i.id}>{question.label}</label>
      <p id={`${i.id}-format`} className="field-hint">
        {question.help ? `${question.help} ` : ""}Separate entries with commas.
      </p>
      <input
        id={i.id}
        type="text"
        autoComplete="off"
        value={text}
        aria-describedby={[i.missingId, `${i.id}-format`].filter(Boolean).join(" ")}
        onChange={(e) => {
          setText(e.target.value);
          const entries = splitList(e.target.value).map((entry) => entry.slice(0, 200));
          onChange(entries.length ? entries.slice(0, 50) : undefined);
        }}
      />
      {noneLabel ? (
        <label className="choice-option choice-inline">
          <input
            type="checkbox"
            checked={saysNone}
            onChange={(e) => {
              setText("");
              onChange(e.target.checked ? [] : undefined);
            }}
          />
          {noneLabel}
        </label>
      ) : null}
      <MissingNote id={i.missingId} />
    </div>
  );
}

function LongTextQuestion(props: QuestionFieldProps) {
  const { question, value, onChange, missing } = props;
  const [text, setText] = useState(() => (typeof value === "string" ? value : ""));
  const i = ids(question, missing);
  const noneLabel = NONE_LABELS[question.id] ?? "None";
  return (
    <div className={className(missing)} data-question={question.id}>
      <label htmlFor={i.id}>{question.label}</label>
      <Hint id={i.hintId} text={question.help} />
      <textarea
        id={i.id}
        rows={2}
        maxLength={2000}
        value={text}
        aria-describedby={i.describedBy}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() || undefined);
        }}
      />
      {/* An empty answer is a real one here ("none"), so it is given with its own box. */}
      <label className="choice-option choice-inline">
        <input
          type="checkbox"
          checked={value === ""}
          onChange={(e) => {
            setText("");
            onChange(e.target.checked ? "" : undefined);
          }}
        />
        {noneLabel}
      </label>
      <MissingNote id={i.missingId} />
    </div>
  );
}

function NumberQuestion(props: QuestionFieldProps & { integer: boolean }) {
  const { question, value, onChange, missing, integer } = props;
  const [text, setText] = useState(() => (typeof value === "number" ? String(value) : ""));
  const [error, setError] = useState<string | undefined>(undefined);
  const min = question.min ?? 0;
  const max = question.max ?? Number.MAX_SAFE_INTEGER;
  const i = ids(question, missing, error);
  const rangeText = `${integer ? "a whole number" : "a number"} from ${min} to ${max}`;

  return (
    <div className={className(missing, "question-number")} data-question={question.id}>
      <label htmlFor={i.id}>{question.label}</label>
      <Hint id={i.hintId} text={question.help} />
      <input
        id={i.id}
        type="number"
        inputMode={integer ? "numeric" : "decimal"}
        min={min}
        max={max}
        step={integer ? 1 : "any"}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={i.describedBy}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const n = Number(raw);
          const ok = raw.trim() !== "" && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
          setError(ok || raw.trim() === "" ? undefined : `Enter ${rangeText}`);
          onChange(ok ? n : undefined);
        }}
      />
      <FieldError id={i.errorId} message={error} />
      <MissingNote id={i.missingId} />
      {props.after}
    </div>
  );
}

function DateQuestion(props: QuestionFieldProps) {
  const { question, value, onChange, missing, today } = props;
  const [text, setText] = useState(() => (typeof value === "string" ? value : ""));
  const given = isIsoDate(text) ? text : null;
  const error = given && given > today ? "Enter a date in the past" : undefined;
  const i = ids(question, missing, error);
  const age = given && !error ? ageOn(given, today) : null;
  return (
    <div className={className(missing, "question-date")} data-question={question.id}>
      <label htmlFor={i.id}>{question.label}</label>
      <Hint id={i.hintId} text={question.help} />
      <input
        id={i.id}
        type="date"
        max={today}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={i.describedBy}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          onChange(isIsoDate(raw) && raw <= today ? raw : undefined);
        }}
      />
      <FieldError id={i.errorId} message={error} />
      {age !== null ? <p className="field-hint">Age today: {age}</p> : null}
      <MissingNote id={i.missingId} />
    </div>
  );
}

// A screening result as a receiver reads it: the result, each flag in words, the scores and notes.
import { SCREENING_RESULT_LABELS, type ScreeningResult } from "@intake/domain";
import { FLAG_TAG, RESULT_TONE, scoreLines, type ScreeningSummary } from "./results.ts";
import "./screening.css";

interface FlagLike {
  id: string;
  label: string;
  result: Exclude<ScreeningResult, "eligible">;
}

export function FlagList({ flags, emptyText }: { flags: readonly FlagLike[]; emptyText?: string }) {
  if (flags.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null;
  return (
    <ul className="result-flags" aria-label="Flags">
      {flags.map((flag) => (
        <li key={flag.id} className={`result-flag tone-${RESULT_TONE[flag.result]}`}>
          <span className="result-flag-tag">{FLAG_TAG[flag.result]}</span>
          <span className="result-flag-label">{flag.label}</span>
        </li>
      ))}
    </ul>
  );
}

export function ResultBadge({ result }: { result: ScreeningResult }) {
  return <span className={`result-badge tone-${RESULT_TONE[result]}`}>{SCREENING_RESULT_LABELS[result]}</span>;
}

/** Result, flags, scores and notes of a completed screen. */
export function ScreeningSummaryView({ summary }: { summary: ScreeningSummary }) {
  const scores = scoreLines(summary.scores);
  return (
    <div className="screening-summary">
      <p className="summary-result">
        Result: <ResultBadge result={summary.result} />
      </p>
      <FlagList flags={summary.flags} emptyText="No flags." />
      {scores.length > 0 ? (
        <p className="summary-scores">
          {scores.map((line) => (
            <span key={line} className="score-chip">
              {line}
            </span>
          ))}
        </p>
      ) : null}
      {summary.notes.length > 0 ? (
        <>
          <h3 className="result-subheading">Notes for the clinician</h3>
          <ul className="plain-list">
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

// The running result beside the form: the result so far, each flag in words, PEG, PHQ-9 and GAD-7
// as they are computed, and the notes a clinician will read.
import type { DraftEvaluation, Questionnaire } from "@intake/domain";
import { QUESTIONNAIRE_ITEM_COUNT } from "./draft.ts";
import { FlagList } from "./ScreeningSummaryView.tsx";
import { RESULT_TONE, runningHeadline, severityWords } from "./results.ts";

interface QuestionnaireState {
  offered: boolean;
  answered: number;
}

interface RunningResultProps {
  evaluation: DraftEvaluation;
  questionnaires: Record<Questionnaire, QuestionnaireState>;
}

function questionnaireLine(name: Questionnaire, state: QuestionnaireState, score: { total: number; severity: string } | undefined) {
  if (!state.offered) return "Not offered";
  const max = name === "phq9" ? 27 : 21;
  if (score) return `${score.total} / ${max} — ${severityWords(score.severity)}`;
  return `${state.answered} of ${QUESTIONNAIRE_ITEM_COUNT[name]} answered`;
}

export function RunningResult({ evaluation, questionnaires }: RunningResultProps) {
  const { flags, scores, notes } = evaluation;
  const tone = RESULT_TONE[evaluation.result];
  return (
    <section className={`result-panel tone-${tone}`} aria-labelledby="running-result-heading">
      <h2 id="running-result-heading" className="result-panel-title">
        Running result
      </h2>
      {/* The headline is announced when it changes; the rest is read on demand. */}
      <p className="result-headline" aria-live="polite" aria-atomic="true">
        {runningHeadline(evaluation)}
      </p>
      {!evaluation.complete && flags.length > 0 ? <p className="result-note">Not finished yet. A flag shown here stays unless its answer changes.</p> : null}
      <FlagList flags={flags} />
      <dl className="score-list">
        <dt>PEG</dt>
        <dd>{scores.peg !== undefined ? `${scores.peg.toFixed(1)} / 10` : "After the three 0–10 pain questions"}</dd>
        <dt>PHQ-9</dt>
        <dd>{questionnaireLine("phq9", questionnaires.phq9, scores.phq9)}</dd>
        <dt>GAD-7</dt>
        <dd>{questionnaireLine("gad7", questionnaires.gad7, scores.gad7)}</dd>
      </dl>
      {notes.length > 0 ? (
        <>
          <h3 className="result-subheading">For the clinician</h3>
          <ul className="plain-list">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

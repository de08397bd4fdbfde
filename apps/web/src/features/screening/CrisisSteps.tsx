// The clinic's crisis steps (988 Suicide & Crisis Lifeline), shown the moment a screen turns urgent.
import { URGENT_SCRIPT } from "@intake/domain";

interface CrisisStepsProps {
  /** True once the urgent handoff has gone to the clinical pool (escalated mid-call, or completed). */
  alerted: boolean;
  /** Questions still to answer before Complete can alert a clinician. */
  remaining?: number;
}

/**
 * role="alert" so a screen reader says it at once, wherever the coordinator's focus is; it takes no
 * focus itself, because the coordinator is in the middle of the call and of the form.
 */
export function CrisisSteps({ alerted, remaining = 0 }: CrisisStepsProps) {
  return (
    <div className="crisis">
      {/* Only the steps are in the alert: the line under them changes as the form fills and must not be re-announced. */}
      <div role="alert" aria-labelledby="crisis-heading">
        <h2 id="crisis-heading" className="crisis-heading">
          Urgent: follow the crisis steps now
        </h2>
        <p className="crisis-lead">Read to the caller, calmly:</p>
        <ol className="crisis-steps">
          {URGENT_SCRIPT.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p className="crisis-988">
          <span className="crisis-988-number">988</span>
          <span>Suicide &amp; Crisis Lifeline: call or text, any time, day or night.</span>
        </p>
      </div>
      <p className="crisis-next">
        {alerted
          ? "A clinician has been alerted: this caller went to the clinical pool as urgent. Stay with the caller."
          : remaining > 0
            ? `Stay with the caller. Finish the ${remaining} remaining ${remaining === 1 ? "question" : "questions"} and press Complete: that alerts a clinician at once.`
            : "Press Complete now: it alerts a clinician at once."}
      </p>
    </div>
  );
}

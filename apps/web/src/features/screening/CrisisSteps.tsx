// The clinic's crisis steps (988 Suicide & Crisis Lifeline), shown the moment a screen turns urgent.
import { useQuery } from "@tanstack/react-query";
import { URGENT_SCRIPT, can, formatNational } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { useUser } from "../auth/session.tsx";
import { useCallerScripts } from "./callerScripts.tsx";

/** While the steps show, who could see the alert is read again this often. */
const COVERAGE_EVERY_MS = 15_000;

/**
 * How many clinicians could see an urgent alert now (null while unknown, or for roles that may not
 * ask). The screening screen reads it as it opens (`refetchInterval: false`), so the steps appear
 * with the answer already known and do not grow a moment later over the answer just given.
 */
export function useClinicalCoverage(refetchInterval: number | false = COVERAGE_EVERY_MS) {
  const trpc = useTRPC();
  const user = useUser();
  const coverage = useQuery(trpc.handoff.clinicalCoverage.queryOptions(undefined, { enabled: can(user.role, "handoff.coverage"), refetchInterval }));
  return coverage.data ?? null;
}

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
  const coverage = useClinicalCoverage();
  const nobodyOnline = coverage?.online === 0;
  const translated = useCallerScripts();
  return (
    <div className="crisis">
      {/* Only the steps are in the alert: the line under them changes as the form fills and must not be re-announced. */}
      <div role="alert" aria-labelledby="crisis-heading">
        <h2 id="crisis-heading" className="crisis-heading">
          Urgent: follow the crisis steps now
        </h2>
        <p className="crisis-lead">Read to the caller, calmly:</p>
        <ol className="crisis-steps">
          {translated
            ? translated.urgent.map((step) => (
                <li key={step.english}>
                  <span lang={translated.language}>{step.text}</span>
                  <span lang="en" className="script-english">
                    {" "}
                    ({step.english})
                  </span>
                </li>
              ))
            : URGENT_SCRIPT.map((step) => <li key={step}>{step}</li>)}
        </ol>
        <p className="crisis-988">
          <span className="crisis-988-number">988</span>
          <span>Suicide &amp; Crisis Lifeline: call or text, any time, day or night.</span>
        </p>
      </div>
      {nobodyOnline ? (
        <p className="crisis-oncall">
          <strong>No clinician is online</strong> to see the alert.{" "}
          {coverage.onCallPhone ? (
            <>
              Call the on-call clinician now: <a href={`tel:${coverage.onCallPhone}`}>{formatNational(coverage.onCallPhone)}</a>
            </>
          ) : (
            "No on-call number is set: reach a clinician by phone now."
          )}
        </p>
      ) : null}
      <p className="crisis-next">
        {alerted
          ? nobodyOnline
            ? "The alert is in the clinical pool as urgent, waiting for a clinician to sign in. Stay with the caller."
            : "A clinician has been alerted: this caller went to the clinical pool as urgent. Stay with the caller."
          : remaining > 0
            ? `Stay with the caller. Finish the ${remaining} remaining ${remaining === 1 ? "question" : "questions"} and press Complete: that alerts a clinician at once.`
            : "Press Complete now: it alerts a clinician at once."}
      </p>
    </div>
  );
}

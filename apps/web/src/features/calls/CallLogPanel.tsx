// The home screen's Log a call section: the form when open, the key that opens it, and the last save.
import { lazy, Suspense, useEffect, useRef } from "react";
import { Link } from "react-router";
import { formatClinicTime } from "../../ui/clinicTime.ts";
import { CallLogForm } from "./CallLogForm.tsx";
import { LOG_CALL_KEY, useCallLog, type LoggedCall } from "./CallLogProvider.tsx";

// Loaded after a save only: the home screen's first JavaScript stays within its budget.
const DuplicateCandidates = lazy(() => import("../duplicates/DuplicateCandidates.tsx").then((m) => ({ default: m.DuplicateCandidates })));

export function CallLogPanel() {
  const callLog = useCallLog();
  if (!callLog) return null;
  return (
    <section className="panel" aria-labelledby="log-call-heading">
      <h2 id="log-call-heading">Log a call</h2>
      {callLog.isOpen ? null : (
        <p className="muted">
          Press <kbd>{LOG_CALL_KEY.toUpperCase()}</kbd> on any screen but a screening (when not typing in a field) or use <strong>Log a call</strong> at the
          top.
        </p>
      )}
      <SavedCallStatus logged={callLog.lastLogged} />
      {callLog.lastLogged?.lead ? (
        <Suspense fallback={null}>
          <DuplicateCandidates key={callLog.lastLogged.lead.id} leadId={callLog.lastLogged.lead.id} compact />
        </Suspense>
      ) : null}
      {callLog.isOpen ? <CallLogForm /> : null}
    </section>
  );
}

/** Always in the page, so screen readers announce each new confirmation as it appears. */
function SavedCallStatus({ logged }: { logged: LoggedCall | null }) {
  const linkRef = useRef<HTMLAnchorElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  // After a save the keyboard lands on the lead, so Enter opens it and N logs the next call.
  useEffect(() => {
    if (!logged) return;
    (linkRef.current ?? boxRef.current)?.focus();
  }, [logged]);

  return (
    <div ref={boxRef} role="status" tabIndex={-1} className={logged ? "notice notice-success" : "status-empty"}>
      {logged ? (
        <>
          Call logged ({formatClinicTime(logged.at)}).{" "}
          {logged.lead ? (
            <>
              {logged.lead.created ? "New lead: " : "Added to lead: "}
              <Link ref={linkRef} to={`/leads/${logged.lead.id}`}>
                {logged.lead.label}
              </Link>
            </>
          ) : (
            "No lead was started for this call."
          )}
        </>
      ) : null}
    </div>
  );
}

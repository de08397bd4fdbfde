// The coordinator's live calls strip at the top of every page: calls ringing or answered now, and ended
// calls the phone system logged that wait for a coordinator to complete the record.
import { useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { CALL_OUTCOME_LABELS, LEAD_STATUS_LABELS, formatNational } from "@intake/domain";
import { formatDuration } from "../calls/duration.ts";
import { CompleteCallForm, type CompletedCall } from "./CompleteCallForm.tsx";
import { useLiveCalls, type LiveCall } from "./useLiveCalls.ts";
import "./livecalls.css";

/** Ended calls shown before "Show N more": the strip must not push the page out of sight. */
const ENDED_SHOWN_AT_FIRST = 3;

interface Confirmation {
  completed: CompletedCall;
  /** The screen it was made on. */
  pathname: string;
}

export function LiveCallsBanner() {
  const { calls, more, paused, failed } = useLiveCalls();
  const { pathname } = useLocation();
  const [completingId, setCompletingId] = useState<number | null>(null);
  const [showAllEnded, setShowAllEnded] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const completeButtons = useRef(new Map<number, HTMLButtonElement>());

  // A confirmation belongs to the screen it was made on: any navigation (its own link included) puts it away.
  if (confirmation && confirmation.pathname !== pathname) setConfirmation(null);

  const live = (calls ?? []).filter((call) => call.state !== "ended");
  const ended = (calls ?? []).filter((call) => call.state === "ended");
  const endedShown = showAllEnded ? ended : ended.slice(0, ENDED_SHOWN_AT_FIRST);
  // The call being completed stays in reach even if newer ones push it past the first few.
  const completing = ended.find((call) => call.id === completingId) ?? null;
  const shownConfirmation = confirmation && confirmation.pathname === pathname ? confirmation.completed : null;
  // Another coordinator completed the call this one had open: say so rather than lose the form silently.
  const completedElsewhere = completingId !== null && calls !== undefined && completing === null;
  const active = live.length > 0 || ended.length > 0 || shownConfirmation !== null || completedElsewhere || paused || failed;

  function closeForm(callId: number) {
    setCompletingId(null);
    requestAnimationFrame(() => completeButtons.current.get(callId)?.focus());
  }

  return (
    // Always in the page (an empty strip takes no room), so a screen reader hears each call as it arrives.
    <section className={active ? "live-calls live-calls-active" : "live-calls"} aria-label={active ? "Live calls" : undefined}>
      <div className="live-calls-inner">
        <div role="status" aria-live="polite" className="live-calls-status">
          {live.length > 0 || ended.length > 0 ? (
            <ul className="live-call-list">
              {live.map((call) => (
                <li key={call.id} className={`live-call live-call-${call.state}`}>
                  <span className="live-call-icon" aria-hidden="true" />
                  <span className="live-call-text">
                    <strong>
                      {call.state === "ringing" ? "Incoming call from" : "Call in progress with"} {formatNational(call.otherNumber)}
                    </strong>
                    {" — "}
                    <Caller call={call} />
                    <span className="live-call-line"> · {call.lineLabel}</span>
                  </span>
                </li>
              ))}
              {endedShown.map((call) => (
                <li key={call.id} className="live-call live-call-ended">
                  <span className="live-call-icon" aria-hidden="true" />
                  <span className="live-call-text">
                    <strong>Call ended — complete the record:</strong> {formatNational(call.otherNumber)}
                    {" — "}
                    <Caller call={call} />
                    <span className="live-call-line">
                      {" "}
                      · {CALL_OUTCOME_LABELS[call.outcome]}
                      {call.durationSeconds > 0 ? ` · ${formatDuration(call.durationSeconds)}` : ""}
                    </span>
                  </span>
                  <button
                    ref={(el) => {
                      if (el) completeButtons.current.set(call.id, el);
                      else completeButtons.current.delete(call.id);
                    }}
                    type="button"
                    className="button button-small"
                    aria-expanded={completingId === call.id}
                    onClick={() => setCompletingId(completingId === call.id ? null : call.id)}
                  >
                    Complete<span className="visually-hidden"> the call from {formatNational(call.otherNumber)}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {/* The server lists the newest 50: the strip says how many more there are rather than hide them silently. */}
          {more > 0 ? (
            <p className="live-calls-note live-calls-hidden">
              …and {more} more {more === 1 ? "call" : "calls"} not shown.
            </p>
          ) : null}
        </div>
        {ended.length > ENDED_SHOWN_AT_FIRST ? (
          <button type="button" className="link-button live-calls-more" onClick={() => setShowAllEnded(!showAllEnded)}>
            {showAllEnded ? "Show fewer ended calls" : `Show ${ended.length - ENDED_SHOWN_AT_FIRST} more ended calls`}
          </button>
        ) : null}
        {paused ? <p className="live-calls-note">Live call alerts paused; reconnecting…</p> : null}
        {failed ? <p className="live-calls-note">Could not read the calls on the line. They will show again with the next call.</p> : null}
        {completedElsewhere ? (
          <p className="live-calls-note">
            That call has just been completed at another desk.{" "}
            <button type="button" className="link-button" onClick={() => setCompletingId(null)}>
              Dismiss
            </button>
          </p>
        ) : null}
        {completing ? (
          <CompleteCallForm
            key={completing.id}
            call={completing}
            onCancel={() => closeForm(completing.id)}
            onCompleted={(completed) => {
              setCompletingId(null);
              setConfirmation({ completed, pathname });
            }}
          />
        ) : null}
        <CompletedStatus completed={shownConfirmation} onDismiss={() => setConfirmation(null)} />
      </div>
    </section>
  );
}

function Caller({ call }: { call: LiveCall }) {
  if (call.leadId === null) return <span>Unknown caller</span>;
  return (
    <>
      <Link to={`/leads/${call.leadId}`}>{call.leadName ?? "Unnamed caller"}</Link>
      {call.leadStatus ? ` (${LEAD_STATUS_LABELS[call.leadStatus]})` : null}
    </>
  );
}

/** Always in the page, so the confirmation is announced; the keyboard lands on its link. */
function CompletedStatus({ completed, onDismiss }: { completed: CompletedCall | null; onDismiss: () => void }) {
  const linkRef = useRef<HTMLAnchorElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // The form that was used is gone: the keyboard continues from the lead, so Enter opens it.
  useEffect(() => {
    if (completed) (linkRef.current ?? boxRef.current)?.focus();
  }, [completed]);
  return (
    <div ref={boxRef} role="status" tabIndex={-1} className={completed ? "notice notice-success live-calls-done" : "status-empty"}>
      {completed ? (
        <>
          <span>
            Call completed.{" "}
            {completed.lead ? (
              <>
                {completed.lead.created ? "New lead: " : "Added to lead: "}
                <Link ref={linkRef} to={`/leads/${completed.lead.id}`}>
                  {completed.lead.label}
                </Link>
              </>
            ) : (
              "No lead was started for this call."
            )}
          </span>
          <button type="button" className="link-button" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      ) : null}
    </div>
  );
}

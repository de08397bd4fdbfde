// Moving a lead along its lifecycle: the moves the server offers this user, with a reason where one is asked.
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CLOSED_REASONS, CLOSED_REASON_LABELS, LEAD_STATUS_LABELS } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import type { LeadDetail } from "./leadDetail.ts";

type Transition = LeadDetail["transitions"][number];

/** What the domain asks of a free-text reason (lifecycle.ts); checked here too so the answer is instant. */
const MIN_REASON_LENGTH = 3;

export function LeadStatusActions({ lead }: { lead: LeadDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Transition | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  const move = useMutation(trpc.lead.transition.mutationOptions());
  // Screening starts from the screening panel's "Screen this caller", which moves the lead itself:
  // one way to do one job.
  const transitions = lead.transitions.filter((t) => t.to !== "screening");

  function submit(to: Transition["to"], reason?: string) {
    move.mutate(
      { id: lead.id, to, reason },
      {
        async onSuccess(moved) {
          setAsking(null);
          setError(null);
          setDone(`Status changed to ${LEAD_STATUS_LABELS[moved.status]}.`);
          await queryClient.invalidateQueries(trpc.lead.pathFilter());
          // The button that was pressed is gone now; the keyboard continues from the confirmation.
          statusRef.current?.focus();
        },
        onError(err) {
          setError(serverFieldErrors(err).reason ?? errorSentence(err));
        },
      },
    );
  }

  function choose(transition: Transition) {
    setDone(null);
    setError(null);
    if (transition.reason === "none") submit(transition.to);
    else setAsking(transition);
  }

  return (
    <section className="panel" aria-labelledby="lead-status-heading">
      <h2 id="lead-status-heading">Status</h2>
      <p>
        Now <strong>{LEAD_STATUS_LABELS[lead.status]}</strong>.
      </p>
      {transitions.length === 0 ? (
        <p className="muted">There is no status change you can make from here.</p>
      ) : (
        <div className="button-row" role="group" aria-label="Change status">
          {transitions.map((t) => (
            <button
              key={`${t.to}-${t.label}`}
              type="button"
              className={t.to === "closed" ? "button button-secondary" : "button"}
              aria-expanded={t.reason === "none" ? undefined : asking?.to === t.to}
              onClick={() => choose(t)}
            >
              {/* An ellipsis: this one asks for a reason before anything changes. */}
              {t.reason === "none" ? t.label : `${t.label}…`}
            </button>
          ))}
        </div>
      )}
      {asking ? (
        <ReasonForm
          key={asking.to}
          transition={asking}
          pending={move.isPending}
          serverError={error}
          onCancel={() => {
            setAsking(null);
            setError(null);
          }}
          onSubmit={(reason) => submit(asking.to, reason)}
        />
      ) : error ? (
        <ErrorNotice>{error}</ErrorNotice>
      ) : null}
      <div ref={statusRef} role="status" tabIndex={-1} className={done ? "notice notice-success" : "status-empty"}>
        {done}
      </div>
    </section>
  );
}

function ReasonForm(props: { transition: Transition; pending: boolean; serverError: string | null; onCancel: () => void; onSubmit: (reason: string) => void }) {
  const { transition } = props;
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const shown = error ?? props.serverError ?? undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.pending) return;
    const trimmed = reason.trim();
    if (transition.reason === "closed_reason" && !trimmed) {
      setError("Choose why the lead is being closed");
      return;
    }
    if (transition.reason === "text" && trimmed.length < MIN_REASON_LENGTH) {
      setError("Write a short reason (at least 3 characters)");
      return;
    }
    setError(null);
    props.onSubmit(trimmed);
  }

  return (
    <form className="reason-form" aria-label={`${transition.label}: reason`} noValidate onSubmit={onSubmit}>
      {transition.reason === "closed_reason" ? (
        <SelectField label="Reason for closing" autoFocus value={reason} onChange={(e) => setReason(e.target.value)} error={shown}>
          <option value="">Choose a reason</option>
          {CLOSED_REASONS.map((r) => (
            <option key={r} value={r}>
              {CLOSED_REASON_LABELS[r]}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          label="Reason"
          hint={transition.to === "scheduled" ? "For example: patient asked for a later date" : "Why this lead is being reopened"}
          autoFocus
          autoComplete="off"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={shown}
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button">
          {props.pending ? "Saving…" : transition.to === "closed" ? "Close lead" : `Confirm: ${transition.label}`}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

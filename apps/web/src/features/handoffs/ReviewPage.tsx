// /handoffs/:id/review: a clinician reads a flagged screen in full — answers by section, flags,
// notes, the handoff note — and clears the lead for scheduling or closes it, with a note.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { ClinicianReviewInput, LEAD_STATUS_LABELS, can, clinicDate, formatNational, type ReviewDecision } from "@intake/domain";
import { errorSentence, firstMessages, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { RadioGroupField, TextAreaField } from "../../ui/Field.tsx";
import { focusField } from "../../ui/focusField.ts";
import { useUser } from "../auth/session.tsx";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { summaryOf } from "../screening/results.ts";
import { ScreeningAnswersView } from "../screening/ScreeningAnswersView.tsx";
import { ScreeningSummaryView } from "../screening/ScreeningSummaryView.tsx";
import { SbarNote, useAcknowledge } from "./HandoffCard.tsx";

type Handoff = RouterOutputs["handoff"]["byId"];

const HandoffIdParam = z.coerce.number().int().positive();

export function ReviewPage() {
  const parsed = HandoffIdParam.safeParse(useParams().id);
  return (
    <>
      <title>Review · Iris Intake</title>
      <p className="breadcrumb">
        <Link to="/inbox">Inbox</Link>
      </p>
      {parsed.success ? <ReviewLoader id={parsed.data} /> : <h1>Handoff not found</h1>}
    </>
  );
}

function ReviewLoader({ id }: { id: number }) {
  const trpc = useTRPC();
  const handoff = useQuery(trpc.handoff.byId.queryOptions({ id }));
  if (handoff.isPending) return <p role="status">Loading the handoff…</p>;
  if (handoff.isError) {
    return (
      <>
        <h1>Review</h1>
        <ErrorNotice>{errorSentence(handoff.error)}</ErrorNotice>
      </>
    );
  }
  return <ReviewView handoff={handoff.data} />;
}

function ReviewView({ handoff }: { handoff: Handoff }) {
  const trpc = useTRPC();
  const user = useUser();
  const screening = useQuery(trpc.screening.byLead.queryOptions({ leadId: handoff.leadId }));
  const notes = useQuery(trpc.clinician.notes.queryOptions({ id: handoff.leadId }));
  const acknowledge = useAcknowledge();
  // Held here: recording the decision moves the lead on, and its confirmation must outlive the form.
  const [decided, setDecided] = useState<string | null>(null);
  const row = screening.data;
  const summary = row ? summaryOf(row) : null;
  const onDate = clinicDate(row?.completedAt ?? row?.updatedAt ?? new Date());

  return (
    <>
      <div className="lead-heading">
        <h1>Review: {handoff.leadName ?? "Unnamed caller"}</h1>
        <StatusBadge status={handoff.leadStatus} />
        <span className="muted">{formatNational(handoff.leadPhone)}</span>
        {handoff.urgent ? <span className="urgent-tag">Urgent</span> : null}
      </div>
      <div className="review-grid">
        <div className="review-main">
          <section className="panel" aria-labelledby="review-result-heading">
            <h2 id="review-result-heading">Screening result</h2>
            {screening.isPending ? <p role="status">Loading the screening…</p> : null}
            {screening.isError ? <ErrorNotice>{errorSentence(screening.error)}</ErrorNotice> : null}
            {summary ? <ScreeningSummaryView summary={summary} /> : null}
            {row && !summary ? <p className="muted">This screen is not complete yet.</p> : null}
          </section>
          {row ? (
            <section className="panel" aria-labelledby="answers-heading">
              <h2 id="answers-heading">Answers</h2>
              <p className="muted">
                Screened {formatClinicDateTime(row.completedAt ?? row.updatedAt)} (form version {row.formVersion}).
              </p>
              <ScreeningAnswersView answers={row.answers} onDate={onDate} flags={summary?.flags ?? []} />
            </section>
          ) : null}
        </div>

        <div className="review-side">
          <section className="panel" aria-labelledby="note-heading">
            <h2 id="note-heading">Handoff note</h2>
            <p className="muted">
              From {handoff.from ?? "the intake desk"}, {formatClinicDateTime(handoff.createdAt)}.{" "}
              {handoff.acknowledgedAt ? `Acknowledged ${formatClinicDateTime(handoff.acknowledgedAt)}.` : "Unread."}
            </p>
            <SbarNote handoff={handoff} />
            <div className="button-row">
              {!handoff.acknowledgedAt && can(user.role, "handoff.acknowledge") ? (
                <button type="button" className="button button-secondary" onClick={() => acknowledge.mutate({ id: handoff.id })}>
                  {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
                </button>
              ) : null}
              <Link className="button button-secondary" to={`/handoffs/${handoff.id}/print`}>
                Print view
              </Link>
            </div>
          </section>

          <section className="panel" aria-labelledby="decision-heading">
            <h2 id="decision-heading">Your review</h2>
            {decided ? (
              <DecidedNote text={decided} />
            ) : handoff.leadStatus === "needs_review" && can(user.role, "clinician.review") ? (
              <ReviewForm leadId={handoff.leadId} onDecided={setDecided} />
            ) : (
              <p>The lead is {LEAD_STATUS_LABELS[handoff.leadStatus].toLowerCase()}: there is no review to record.</p>
            )}
            {notes.data && notes.data.length > 0 ? (
              <>
                <h3 className="result-subheading">Clinical notes</h3>
                <ul className="plain-list notes-list">
                  {notes.data.map((note) => (
                    <li key={note.id}>
                      <strong>{note.decision === "clear" ? "Cleared" : note.decision === "close" ? "Closed" : "Note"}</strong> by {note.author},{" "}
                      {formatClinicDateTime(note.createdAt)}: {note.note}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </div>
      </div>
    </>
  );
}

const DECISIONS: { value: ReviewDecision; label: string }[] = [
  { value: "clear", label: "Clear for scheduling" },
  { value: "close", label: "Close as not a candidate" },
];

const FIELDS = ["decision", "note"] as const;
type Field = (typeof FIELDS)[number];

function DecidedNote({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form is gone: the keyboard continues from the confirmation.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} role="status" tabIndex={-1} className="notice notice-success">
      {text}
    </div>
  );
}

function ReviewForm({ leadId, onDecided }: { leadId: number; onDecided: (text: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<ReviewDecision | "">("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const review = useMutation(trpc.clinician.review.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (review.isPending) return;
    setFormError(null);
    const parsed = ClinicianReviewInput.safeParse({ leadId, decision: decision || undefined, note });
    if (!parsed.success) {
      const found = firstMessages(z.flattenError(parsed.error).fieldErrors) as FieldErrors<Field>;
      if (found.decision) found.decision = "Choose: clear for scheduling, or close as not a candidate";
      flushSync(() => setErrors(found));
      const first = FIELDS.find((f) => found[f]);
      if (first) focusField(formRef.current, first);
      return;
    }
    setErrors({});
    review.mutate(parsed.data, {
      async onSuccess(lead) {
        onDecided(
          lead.status === "eligible"
            ? "Cleared for scheduling: the lead is now eligible, and the coordinator hands it to scheduling."
            : "Closed as not a candidate, with your note.",
        );
        await Promise.all([
          queryClient.invalidateQueries(trpc.handoff.pathFilter()),
          queryClient.invalidateQueries(trpc.clinician.pathFilter()),
          queryClient.invalidateQueries(trpc.screening.pathFilter()),
        ]);
      },
      onError(error) {
        setFormError(errorSentence(error));
      },
    });
  }

  return (
    <form ref={formRef} className="stack" aria-label="Review decision" noValidate onSubmit={onSubmit}>
      <RadioGroupField
        label="Decision"
        name="decision"
        options={DECISIONS}
        value={decision}
        onChange={(value) => {
          setDecision(value);
          setErrors(({ decision: _fixed, ...rest }) => rest);
        }}
        error={errors.decision}
      />
      <TextAreaField
        label="Note"
        name="note"
        hint="Required: why you clear or close, in a sentence or two. It is kept in the clinical record."
        rows={4}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={errors.note}
      />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {review.isPending ? "Saving…" : "Record decision"}
        </button>
      </div>
    </form>
  );
}

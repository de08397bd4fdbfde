// One handoff note as the receiver reads it: who, how long ago, the result and flags in words, SBAR,
// and what they can do with it (acknowledge, review, print).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { SCREENING_RESULTS, can, formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatAge } from "../../ui/age.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { parseFlags } from "../screening/results.ts";
import { FlagList, ResultBadge } from "../screening/ScreeningSummaryView.tsx";
import type { InboxHandoff } from "./inbox.ts";
import { TARGET_LABELS } from "./labels.ts";

export function SbarNote({ handoff }: { handoff: Pick<InboxHandoff, "situation" | "background" | "assessment" | "recommendation"> }) {
  return (
    <dl className="sbar">
      <dt>Situation</dt>
      <dd>{handoff.situation}</dd>
      <dt>Background</dt>
      <dd>{handoff.background}</dd>
      <dt>Assessment</dt>
      <dd>{handoff.assessment}</dd>
      <dt>Recommendation</dt>
      <dd>{handoff.recommendation}</dd>
    </dl>
  );
}

export function HandoffResult({ handoff }: { handoff: Pick<InboxHandoff, "result" | "flags"> }) {
  const result = SCREENING_RESULTS.find((r) => r === handoff.result);
  if (!result) return <p className="muted">No completed screening.</p>;
  return (
    <div className="handoff-result">
      <p className="summary-result">
        Screening: <ResultBadge result={result} />
      </p>
      <FlagList flags={parseFlags(handoff.flags)} />
    </div>
  );
}

export function targetText(handoff: Pick<InboxHandoff, "target" | "clinicianId">, userId: number): string {
  if (handoff.target === "clinician") return handoff.clinicianId === userId ? "you" : "a named clinician";
  return TARGET_LABELS[handoff.target].toLowerCase();
}

export function useAcknowledge() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.handoff.acknowledge.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.handoff.pathFilter()),
    }),
  );
}

export function HandoffCard({ handoff, now }: { handoff: InboxHandoff; now: Date }) {
  const user = useUser();
  const acknowledge = useAcknowledge();
  const titleId = `handoff-${handoff.id}-title`;
  const mayAcknowledge = can(user.role, "handoff.acknowledge") && !handoff.acknowledgedAt;
  const mayReview = can(user.role, "clinician.review") && handoff.leadStatus === "needs_review";
  const name = handoff.leadName ?? "Unnamed caller";
  // Straight to the lead from the card: the desk's lead page, or for scheduling the lead's scheduling
  // record, where booking is too (no paging through the queue to find it).
  const toScheduling = handoff.target === "scheduling";
  const leadHref = can(user.role, "lead.read")
    ? `/leads/${handoff.leadId}`
    : toScheduling && can(user.role, "appointment.read")
      ? `/scheduling/leads/${handoff.leadId}`
      : null;
  const mayBook = toScheduling && can(user.role, "appointment.book") && handoff.leadStatus !== "closed";

  return (
    <article className={handoff.urgent ? "handoff-card handoff-urgent" : "handoff-card"} aria-labelledby={titleId}>
      <div className="handoff-card-head">
        <h3 id={titleId}>
          {handoff.urgent ? <span className="urgent-tag">Urgent</span> : null}
          {handoff.urgent ? " " : null}
          {name}
        </h3>
        <p className="handoff-age">
          <time dateTime={handoff.createdAt.toISOString()} title={formatClinicDateTime(handoff.createdAt)}>
            {formatAge(handoff.createdAt, now)}
          </time>
        </p>
      </div>
      <p className="handoff-meta">
        <span>{formatNational(handoff.leadPhone)}</span>
        <StatusBadge status={handoff.leadStatus} />
        <span>
          From {handoff.from ?? "the intake desk"} to {targetText(handoff, user.id)}, {formatClinicDateTime(handoff.createdAt)}
        </span>
      </p>
      <HandoffResult handoff={handoff} />
      <SbarNote handoff={handoff} />
      <div className="button-row handoff-actions">
        {mayAcknowledge ? (
          <button type="button" className="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: handoff.id })}>
            {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
          </button>
        ) : null}
        {mayReview ? (
          <Link className={mayAcknowledge ? "button button-secondary" : "button"} to={`/handoffs/${handoff.id}/review`}>
            Review
          </Link>
        ) : null}
        {leadHref ? (
          <Link className="button button-secondary" to={leadHref}>
            Open lead<span className="visually-hidden"> for {name}</span>
          </Link>
        ) : null}
        {mayBook ? (
          <Link className="button button-secondary" to={`/scheduling/leads/${handoff.leadId}#book`}>
            Book appointment<span className="visually-hidden"> for {name}</span>
          </Link>
        ) : null}
        <Link className="button button-secondary" to={`/handoffs/${handoff.id}/print`}>
          Print view
        </Link>
      </div>
      {acknowledge.isError ? <ErrorNotice>{errorSentence(acknowledge.error)}</ErrorNotice> : null}
    </article>
  );
}

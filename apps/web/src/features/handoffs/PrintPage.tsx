// /handoffs/:id/print: one handoff note laid out for paper; the print stylesheet drops the dashboard around it.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { LEAD_STATUS_LABELS, formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { HandoffResult, targetText } from "./HandoffCard.tsx";

const HandoffIdParam = z.coerce.number().int().positive();

export function PrintPage() {
  const parsed = HandoffIdParam.safeParse(useParams().id);
  return (
    <>
      <title>Handoff note · Iris Intake</title>
      {parsed.success ? <PrintLoader id={parsed.data} /> : <h1>Handoff not found</h1>}
    </>
  );
}

function PrintLoader({ id }: { id: number }) {
  const trpc = useTRPC();
  const handoff = useQuery(trpc.handoff.byId.queryOptions({ id }));
  if (handoff.isPending) return <p role="status">Loading the note…</p>;
  if (handoff.isError) {
    return (
      <>
        <h1>Handoff note</h1>
        <ErrorNotice>{errorSentence(handoff.error)}</ErrorNotice>
      </>
    );
  }
  return <PrintSheet handoff={handoff.data} />;
}

function PrintSheet({ handoff }: { handoff: RouterOutputs["handoff"]["byId"] }) {
  const user = useUser();
  const to = targetText(handoff, user.id);
  return (
    <>
      <div className="print-toolbar no-print">
        <Link to="/inbox">Back to the inbox</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <article className="print-sheet" aria-labelledby="print-title">
        <p className="print-clinic">Iris Healing Retreat · TMS for chronic pain · Intake</p>
        <h1 id="print-title">Handoff note{handoff.urgent ? " — URGENT" : ""}</h1>
        <dl className="print-meta">
          <dt>Lead</dt>
          <dd>{handoff.leadName ?? "Unnamed caller"}</dd>
          <dt>Phone</dt>
          <dd>{formatNational(handoff.leadPhone)}</dd>
          <dt>Status</dt>
          <dd>{LEAD_STATUS_LABELS[handoff.leadStatus]}</dd>
          <dt>From</dt>
          <dd>{handoff.from ?? "The intake desk"}</dd>
          <dt>To</dt>
          <dd>{to.charAt(0).toUpperCase() + to.slice(1)}</dd>
          <dt>Sent</dt>
          <dd>{formatClinicDateTime(handoff.createdAt)}</dd>
          <dt>Acknowledged</dt>
          <dd>{handoff.acknowledgedAt ? formatClinicDateTime(handoff.acknowledgedAt) : "Not yet"}</dd>
        </dl>
        <h2>Screening</h2>
        <HandoffResult handoff={handoff} />
        <h2>Situation</h2>
        <p className="print-text">{handoff.situation}</p>
        <h2>Background</h2>
        <p className="print-text">{handoff.background}</p>
        <h2>Assessment</h2>
        <p className="print-text">{handoff.assessment}</p>
        <h2>Recommendation</h2>
        <p className="print-text">{handoff.recommendation}</p>
        <p className="print-footer">Confidential: protected health information. Printed {formatClinicDateTime(new Date())} (Pacific).</p>
      </article>
    </>
  );
}

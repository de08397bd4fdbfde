// /leads/:id/handoff: a screened lead's result and the handoff note that sends it on.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { summaryOf } from "../screening/results.ts";
import { ScreeningSummaryView } from "../screening/ScreeningSummaryView.tsx";
import { HandoffStep } from "./HandoffStep.tsx";
import { summaryForHandoff } from "./handoffSummary.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";

const LeadIdParam = z.coerce.number().int().positive();

export function HandoffPage() {
  const parsed = LeadIdParam.safeParse(useParams().id);
  return (
    <>
      <title>Hand off · Iris Intake</title>
      {parsed.success ? <HandoffLoader leadId={parsed.data} /> : <h1>Lead not found</h1>}
    </>
  );
}

function HandoffLoader({ leadId }: { leadId: number }) {
  const trpc = useTRPC();
  const lead = useQuery(trpc.lead.byId.queryOptions({ id: leadId }));
  const latest = useQuery(trpc.screening.byLead.queryOptions({ leadId }));
  if (lead.isPending || latest.isPending) return <p role="status">Loading…</p>;
  if (lead.isError || latest.isError) {
    return (
      <>
        <h1>Hand off</h1>
        <ErrorNotice>{errorSentence(lead.error ?? latest.error)}</ErrorNotice>
      </>
    );
  }
  const summary = latest.data?.status === "complete" ? summaryOf(latest.data) : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/leads/${leadId}`}>Back to the lead</Link>
      </p>
      <div className="lead-heading">
        <h1>Hand off: {lead.data.name ?? "Unnamed caller"}</h1>
        <StatusBadge status={lead.data.status} />
        <span className="muted">{formatNational(lead.data.phone)}</span>
      </div>
      {summary ? (
        <div className="completed-layout">
          <section className="panel" aria-labelledby="screening-result-heading">
            <h2 id="screening-result-heading">Screening result</h2>
            <ScreeningSummaryView summary={summaryForHandoff(summary, lead.data.status)} />
            {lead.data.status === "eligible" && summary.notes.length > 0 ? (
              <p className="muted">The screen&apos;s notes are for a clinician: they are not sent to scheduling.</p>
            ) : null}
          </section>
          <HandoffStep lead={lead.data} summary={summary} />
        </div>
      ) : (
        <p className="panel">
          This lead has no completed screening, so there is nothing to hand off yet. <Link to={`/leads/${leadId}/screening`}>Screen this caller</Link>
        </p>
      )}
    </>
  );
}

// One lead: who they are, where they stand, their screening and what may happen next, their texts, calls and history.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { CALLER_LANGUAGE_LABELS, CALLER_RELATION_LABELS, can, formatNational } from "@intake/domain";
import { useDeclareCallerLanguage } from "../faq/callerLanguage.tsx";
import { errorSentence, isNotFound } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { LeadCalls } from "./LeadCalls.tsx";
import { LeadContactForm } from "./LeadContactForm.tsx";
import { LeadHistory } from "./LeadHistory.tsx";
import { LeadOrigin } from "./LeadOrigin.tsx";
import { LeadScreeningPanel } from "./LeadScreeningPanel.tsx";
import { LeadStatusActions } from "./LeadStatusActions.tsx";
import type { LeadDetail } from "./leadDetail.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { LeadTasks } from "../tasks/LeadTasks.tsx";
import { EhrPanel } from "../fhir/EhrPanel.tsx";
import { DuplicateCandidates } from "../duplicates/DuplicateCandidates.tsx";
import { LeadReferrerPanel } from "../referrers/LeadReferrerPanel.tsx";
import { LazyConversation } from "../messages/LazyConversation.tsx";

const LeadIdParam = z.coerce.number().int().positive();

export function LeadPage() {
  const parsed = LeadIdParam.safeParse(useParams().id);
  // The browser's tab title stays generic: titles land in history, and a name is patient data.
  return (
    <>
      <title>Lead · Iris Intake</title>
      <p className="breadcrumb">
        <Link to="/leads">All leads</Link>
      </p>
      {parsed.success ? <LeadLoader id={parsed.data} /> : <LeadMissing />}
    </>
  );
}

function LeadMissing() {
  return (
    <>
      <h1>Lead not found</h1>
      <p>There is no lead at this address. It may have been mistyped; find the lead from the leads table instead.</p>
    </>
  );
}

function LeadLoader({ id }: { id: number }) {
  const trpc = useTRPC();
  const lead = useQuery(trpc.lead.byId.queryOptions({ id }));
  if (lead.isPending) return <p role="status">Loading lead…</p>;
  if (lead.isError) {
    if (isNotFound(lead.error)) return <LeadMissing />;
    return (
      <>
        <h1>Lead</h1>
        <ErrorNotice>{errorSentence(lead.error)}</ErrorNotice>
      </>
    );
  }
  return <LeadView lead={lead.data} />;
}

function LeadView({ lead }: { lead: LeadDetail }) {
  const user = useUser();
  useDeclareCallerLanguage(lead.language);
  return (
    <>
      <div className="lead-heading">
        <h1>{lead.name ?? "Unnamed caller"}</h1>
        <StatusBadge status={lead.status} />
      </div>
      {lead.mergedIntoId !== null ? (
        <p className="notice">
          Merged as a duplicate into <Link to={`/leads/${lead.mergedIntoId}`}>lead #{lead.mergedIntoId}</Link>, which holds its record now.
        </p>
      ) : (
        <DuplicateCandidates leadId={lead.id} />
      )}
      <div className="lead-grid">
        <section className="panel" aria-labelledby="lead-details-heading">
          <h2 id="lead-details-heading">Details</h2>
          <dl className="details">
            <dt>Phone</dt>
            <dd>{formatNational(lead.phone)}</dd>
            <dt>Email</dt>
            <dd>{lead.email ?? "—"}</dd>
            <dt>Caller is</dt>
            <dd>{lead.relation ? CALLER_RELATION_LABELS[lead.relation] : "Not recorded"}</dd>
            <dt>Language</dt>
            <dd>
              {CALLER_LANGUAGE_LABELS[lead.language]}
              {lead.interpreterNeeded ? " · interpreter needed" : ""}
            </dd>
            <dt>Source</dt>
            <dd>{lead.source ?? "—"}</dd>
            <dt>Created</dt>
            <dd>{formatClinicDateTime(lead.createdAt)}</dd>
          </dl>
          {can(user.role, "lead.write") ? <LeadContactForm lead={lead} /> : null}
        </section>
        <div className="stack">
          <LeadScreeningPanel lead={lead} />
          <LeadStatusActions lead={lead} />
          <LeadOrigin lead={lead} />
          {can(user.role, "referrer.read") ? <LeadReferrerPanel lead={lead} /> : null}
        </div>
      </div>
      {can(user.role, "message.read") ? <LazyConversation leadId={lead.id} /> : null}
      {can(user.role, "task.read") ? <LeadTasks leadId={lead.id} leadName={lead.name ?? "Unnamed caller"} /> : null}
      {can(user.role, "fhir.export") ? <EhrPanel leadId={lead.id} /> : null}
      <LeadCalls calls={lead.calls} />
      <LeadHistory events={lead.events} />
    </>
  );
}

// /leads/:id/screening: screens a caller — starts or resumes the screen, or shows the completed one
// with what happens next (the handoff, or why there is none).
import { useEffect, useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { CALLER_LANGUAGE_LABELS, ScreeningDraft, formatNational } from "@intake/domain";
import { errorSentence, isNotFound } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { summaryForHandoff } from "../handoffs/handoffSummary.ts";
import { HandoffStep } from "../handoffs/HandoffStep.tsx";
import type { LeadDetail } from "../leads/leadDetail.ts";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { useDeclareCallerLanguage } from "../faq/callerLanguage.tsx";
import { CrisisSteps } from "./CrisisSteps.tsx";
import { summaryOf } from "./results.ts";
import { ScreeningSummaryView } from "./ScreeningSummaryView.tsx";
import { ScreeningWorkspace, type StartedScreening } from "./ScreeningWorkspace.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import "./screening.css";

const LeadIdParam = z.coerce.number().int().positive();

/** Statuses from which a screen may start; a screen already under way resumes from any status. */
const STARTS_FROM = new Set<LeadDetail["status"]>(["new", "contacting"]);

export function ScreeningPage() {
  const parsed = LeadIdParam.safeParse(useParams().id);
  return (
    <>
      <title>Screening · Iris Intake</title>
      {parsed.success ? (
        <ScreeningLoader leadId={parsed.data} />
      ) : (
        <>
          <h1>Lead not found</h1>
          <p>There is no lead at this address.</p>
        </>
      )}
    </>
  );
}

function ScreeningLoader({ leadId }: { leadId: number }) {
  const trpc = useTRPC();
  const lead = useQuery(trpc.lead.byId.queryOptions({ id: leadId }));
  const latest = useQuery(trpc.screening.byLead.queryOptions({ leadId }));
  // Scripts, crisis steps and the answers panel follow the caller's language.
  useDeclareCallerLanguage(lead.data?.language);

  if (lead.isPending || latest.isPending) return <p role="status">Loading the screening…</p>;
  if (lead.isError || latest.isError) {
    const error = lead.error ?? latest.error;
    return (
      <>
        <h1>Screening</h1>
        <ErrorNotice>{isNotFound(error) ? "There is no lead at this address." : errorSentence(error)}</ErrorNotice>
      </>
    );
  }

  const row = latest.data;
  const done = row?.status === "complete" && !STARTS_FROM.has(lead.data.status);
  return (
    <>
      <LeadHeader lead={lead.data} />
      {done && row ? <CompletedScreening lead={lead.data} row={row} /> : <StartScreening key={leadId} lead={lead.data} />}
    </>
  );
}

function LeadHeader({ lead }: { lead: LeadDetail }) {
  return (
    <div className="page-heading">
      <p className="breadcrumb">
        <Link to={`/leads/${lead.id}`}>Back to the lead</Link>
      </p>
      <div className="lead-heading">
        <h1>Screening: {lead.name ?? "Unnamed caller"}</h1>
        <StatusBadge status={lead.status} />
        <span className="muted">{formatNational(lead.phone)}</span>
        {lead.language !== "en" || lead.interpreterNeeded ? (
          <span className="muted">
            {CALLER_LANGUAGE_LABELS[lead.language]}
            {lead.interpreterNeeded ? " · interpreter needed" : ""}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** Starts the screen, or resumes the one a dropped call left half done (the server decides which). */
function StartScreening({ lead }: { lead: LeadDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(
    trpc.screening.start.mutationOptions({
      // Starting moves a new lead on to Screening: the header and the lead page read it again.
      onSuccess: () => queryClient.invalidateQueries(trpc.lead.byId.queryFilter({ id: lead.id })),
    }),
  );
  const asked = useRef(false);
  const { mutate } = start;

  useEffect(() => {
    // Once per visit, even when React runs effects twice in development.
    if (asked.current) return;
    asked.current = true;
    mutate({ leadId: lead.id });
  }, [mutate, lead.id]);

  if (start.isError) {
    return (
      <div className="panel">
        <ErrorNotice>{errorSentence(start.error)}</ErrorNotice>
        <p>
          A screen starts from a lead that is new or being contacted, and resumes while one is under way. <Link to={`/leads/${lead.id}`}>Back to the lead</Link>
        </p>
      </div>
    );
  }
  if (!start.data) return <p role="status">Opening the screen…</p>;
  return <ResumedScreening screening={start.data} />;
}

function ResumedScreening({ screening }: { screening: StartedScreening }) {
  // Drafts were checked by the server when saved; one that no longer reads is not overwritten.
  const draft = ScreeningDraft.safeParse(screening.answers);
  if (!draft.success) {
    return (
      <ErrorNotice>
        This screen&apos;s saved answers cannot be read by this version of the form. Nothing has been changed; ask an administrator to look at it.
      </ErrorNotice>
    );
  }
  return <ScreeningWorkspace screening={screening} draft={draft.data} />;
}

type ScreeningRow = NonNullable<RouterOutputs["screening"]["byLead"]>;

function CompletedScreening({ lead, row }: { lead: LeadDetail; row: ScreeningRow }) {
  const summary = summaryOf(row);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  if (!summary) return null;
  return (
    <div className="completed-layout">
      {summary.result === "urgent" ? <CrisisSteps alerted /> : null}
      <section className="panel" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading" ref={headingRef} tabIndex={-1}>
          Screening complete
        </h2>
        <ScreeningSummaryView summary={summary} />
      </section>
      <HandoffStep lead={lead} summary={summaryForHandoff(summary, lead.status)} />
    </div>
  );
}

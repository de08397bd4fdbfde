// The lead page's screening panel: where the screen stands, its result once done, and the next step —
// screen or resume for a coordinator, then hand off by result.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { can } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicRecent } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { summaryOf } from "../screening/results.ts";
import { ScreeningSummaryView } from "../screening/ScreeningSummaryView.tsx";
import type { LeadDetail } from "./leadDetail.ts";

const SCREENS_FROM = new Set<LeadDetail["status"]>(["new", "contacting", "screening"]);

export function LeadScreeningPanel({ lead }: { lead: LeadDetail }) {
  const trpc = useTRPC();
  const user = useUser();
  const latest = useQuery(trpc.screening.byLead.queryOptions({ leadId: lead.id }));
  const row = latest.data;
  const inProgress = row?.status === "in_progress";
  const summary = row?.status === "complete" ? summaryOf(row) : null;
  const screens = can(user.role, "screening.work") && (inProgress || SCREENS_FROM.has(lead.status));
  const handsOff = can(user.role, "handoff.create") && (lead.status === "eligible" || (lead.status === "needs_review" && !lead.urgent));

  return (
    <section className="panel" aria-labelledby="lead-screening-heading">
      <h2 id="lead-screening-heading">Screening</h2>
      {latest.isPending ? <p className="muted">Loading…</p> : null}
      {latest.isError ? <ErrorNotice>{errorSentence(latest.error)}</ErrorNotice> : null}
      {lead.urgent ? (
        <p className="notice notice-error">
          <strong>Urgent:</strong> handed to the clinical pool; a clinician has been alerted.
        </p>
      ) : null}
      {row && inProgress ? (
        <p>
          Under way: {row.running.missing.length} {row.running.missing.length === 1 ? "question" : "questions"} still to answer, last saved{" "}
          {formatClinicRecent(row.updatedAt)}.
        </p>
      ) : null}
      {summary ? <ScreeningSummaryView summary={summary} /> : null}
      {latest.isSuccess && !row ? <p className="muted">Not screened yet.</p> : null}
      {screens || handsOff ? (
        <div className="button-row">
          {screens ? (
            <Link className="button" to={`/leads/${lead.id}/screening`}>
              {inProgress ? "Resume screening" : "Screen this caller"}
            </Link>
          ) : null}
          {handsOff ? (
            <Link className="button" to={`/leads/${lead.id}/handoff`}>
              {lead.status === "eligible" ? "Hand off to scheduling" : "Hand off to a clinician"}
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

// What happens after a screen, by where the lead now stands: a handoff note to write, or why there is none.
import { CLOSED_REASON_LABELS, LEAD_STATUS_LABELS, type ClosedReason, type LeadStatus } from "@intake/domain";
import type { ScreeningSummary } from "../screening/results.ts";
import { HandoffForm } from "./HandoffForm.tsx";

interface HandoffStepProps {
  lead: { id: number; name: string | null; status: LeadStatus; urgent: boolean; closedReason: ClosedReason | null };
  summary: ScreeningSummary;
}

export function HandoffStep({ lead, summary }: HandoffStepProps) {
  return (
    <section className="panel" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">Hand off</h2>
      <HandoffStepBody lead={lead} summary={summary} />
    </section>
  );
}

function HandoffStepBody({ lead, summary }: HandoffStepProps) {
  switch (lead.status) {
    case "eligible":
      return <HandoffForm lead={lead} kind="scheduling" summary={summary} />;
    case "needs_review":
      if (lead.urgent) {
        return (
          <p className="notice notice-info">
            Already handed to the clinical pool as <strong>urgent</strong>: a clinician has been alerted and will contact the
            caller. There is nothing more to send.
          </p>
        );
      }
      return (
        <>
          <p>A clinician must clear the flags before this lead can be scheduled. Send them a note.</p>
          <HandoffForm lead={lead} kind="clinical" summary={summary} />
        </>
      );
    case "closed":
      return (
        <p className="notice notice-info">
          {lead.closedReason === "not_candidate"
            ? "Not a candidate: the lead is closed with the reason “Not a candidate” and the rules that decided it. No handoff is needed."
            : `The lead is closed (${lead.closedReason ? CLOSED_REASON_LABELS[lead.closedReason] : "no reason recorded"}). No handoff is needed.`}
        </p>
      );
    default:
      return <p className="muted">The lead is {LEAD_STATUS_LABELS[lead.status].toLowerCase()}: there is nothing to hand off from here.</p>;
  }
}

// What happens after a screen, by where the lead now stands: a handoff note to write, or why there is none.
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { CLOSED_REASON_LABELS, LEAD_STATUS_LABELS, type ClosedReason, type LeadStatus } from "@intake/domain";
import { formatClinicTime } from "../../ui/clinicTime.ts";
import type { ScreeningSummary } from "../screening/results.ts";
import { HandoffForm, type SentHandoff } from "./HandoffForm.tsx";

interface HandoffStepProps {
  lead: { id: number; name: string | null; status: LeadStatus; urgent: boolean; closedReason: ClosedReason | null };
  summary: ScreeningSummary;
}

export function HandoffStep({ lead, summary }: HandoffStepProps) {
  // Kept here, not in the form: sending moves the lead on, and the confirmation must outlive the form.
  const [sent, setSent] = useState<SentHandoff | null>(null);
  return (
    <section className="panel" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">Hand off</h2>
      {sent ? <SentNote leadId={lead.id} sent={sent} /> : <HandoffStepBody lead={lead} summary={summary} onSent={setSent} />}
    </section>
  );
}

function SentNote({ leadId, sent }: { leadId: number; sent: SentHandoff }) {
  const ref = useRef<HTMLDivElement>(null);
  // The Send button is gone: the keyboard continues from the confirmation.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} role="status" tabIndex={-1} className="notice notice-success">
      <p>
        Handoff note sent to {sent.to} at {formatClinicTime(sent.at)}. It shows as unread in their inbox until they acknowledge it.
      </p>
      <p>
        <Link to={`/leads/${leadId}`}>Back to the lead</Link>
      </p>
    </div>
  );
}

function HandoffStepBody({ lead, summary, onSent }: HandoffStepProps & { onSent: (sent: SentHandoff) => void }) {
  switch (lead.status) {
    case "eligible":
      return <HandoffForm lead={lead} kind="scheduling" summary={summary} onSent={onSent} />;
    case "needs_review":
      if (lead.urgent) {
        return (
          <p className="notice notice-info">
            Already handed to the clinical pool as <strong>urgent</strong>: a clinician has been alerted and will contact the caller. There is nothing more to
            send.
          </p>
        );
      }
      return (
        <>
          <p>A clinician must clear the flags before this lead can be scheduled. Send them a note.</p>
          <HandoffForm lead={lead} kind="clinical" summary={summary} onSent={onSent} />
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

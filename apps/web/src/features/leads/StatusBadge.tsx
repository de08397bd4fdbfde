// A lead's status as a quiet coloured label; the words carry the meaning, the colour only groups.
import { LEAD_STATUS_LABELS, type LeadStatus } from "@intake/domain";

const TONE: Record<LeadStatus, "start" | "progress" | "review" | "done" | "closed"> = {
  new: "start",
  contacting: "start",
  screening: "progress",
  needs_review: "review",
  eligible: "progress",
  handed_off: "progress",
  scheduled: "progress",
  consulted: "progress",
  in_treatment: "done",
  closed: "closed",
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  return <span className={`status-badge status-${TONE[status]}`}>{LEAD_STATUS_LABELS[status]}</span>;
}

// The screen beside a handoff note, as the coordinator reads it while writing: the notes for the
// clinician only while a clinician is to receive the lead. On the way to scheduling they would read as
// something to pass on, and scheduling never receives them (docs/domain.md, "People and what they may see").
import type { LeadStatus } from "@intake/domain";
import type { ScreeningSummary } from "../screening/results.ts";

/** Whether the lead at this status goes (or went) to a clinician, who reads the notes before clearing. */
function goesToClinician(status: LeadStatus): boolean {
  return status === "needs_review";
}

/** The summary to show beside the handoff step: without the notes unless a clinician receives the lead. */
export function summaryForHandoff(summary: ScreeningSummary, status: LeadStatus): ScreeningSummary {
  return goesToClinician(status) ? summary : { ...summary, notes: [] };
}

// A lead's calls, newest first, with times on the clinic's clock.
import type { ColumnDef } from "@tanstack/react-table";
import { CALL_OUTCOME_LABELS } from "@intake/domain";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { DIRECTION_LABELS } from "../calls/callLabels.ts";
import { formatDuration } from "../calls/duration.ts";
import type { LeadDetail } from "./leadDetail.ts";

type LeadCall = LeadDetail["calls"][number];

const columns: ColumnDef<LeadCall, unknown>[] = [
  { id: "startedAt", header: "When (Pacific)", cell: ({ row }) => <span className="nowrap">{formatClinicDateTime(row.original.startedAt)}</span> },
  { id: "direction", header: "Direction", cell: ({ row }) => DIRECTION_LABELS[row.original.direction] },
  { id: "duration", header: "Duration", cell: ({ row }) => formatDuration(row.original.durationSeconds) },
  { id: "outcome", header: "Outcome", cell: ({ row }) => CALL_OUTCOME_LABELS[row.original.outcome] },
  { id: "handledBy", header: "Handled by", cell: ({ row }) => row.original.handledBy ?? "—" },
  { id: "notes", header: "Notes", cell: ({ row }) => <span className="cell-notes">{row.original.notes ?? "—"}</span> },
];

export function LeadCalls({ calls }: { calls: LeadCall[] }) {
  return (
    <section className="panel" aria-labelledby="lead-calls-heading">
      <h2 id="lead-calls-heading">Calls</h2>
      <DataTable
        caption="Calls with this lead"
        captionHidden
        columns={columns}
        rows={calls}
        getRowId={(call) => String(call.id)}
        emptyText="No calls recorded yet."
      />
    </section>
  );
}

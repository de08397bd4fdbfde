// A lead's status history: every move, who made it, when, and why.
import type { ColumnDef } from "@tanstack/react-table";
import { CLOSED_REASONS, CLOSED_REASON_LABELS, LEAD_STATUS_LABELS, type ClosedReason } from "@intake/domain";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import type { LeadDetail } from "./leadDetail.ts";

type LeadEvent = LeadDetail["events"][number];

const isClosedReason = (reason: string): reason is ClosedReason => (CLOSED_REASONS as readonly string[]).includes(reason);

function reasonText(event: LeadEvent): string {
  if (!event.reason) return "—";
  return event.toStatus === "closed" && isClosedReason(event.reason) ? CLOSED_REASON_LABELS[event.reason] : event.reason;
}

const columns: ColumnDef<LeadEvent, unknown>[] = [
  {
    id: "change",
    header: "Change",
    cell: ({ row }) => {
      const { fromStatus, toStatus } = row.original;
      return fromStatus ? `${LEAD_STATUS_LABELS[fromStatus]} → ${LEAD_STATUS_LABELS[toStatus]}` : `Created as ${LEAD_STATUS_LABELS[toStatus]}`;
    },
  },
  { id: "actor", header: "Who", cell: ({ row }) => row.original.actor ?? "—" },
  { id: "at", header: "When (Pacific)", cell: ({ row }) => <span className="nowrap">{formatClinicDateTime(row.original.at)}</span> },
  { id: "reason", header: "Reason", cell: ({ row }) => reasonText(row.original) },
];

export function LeadHistory({ events }: { events: LeadEvent[] }) {
  return (
    <section className="panel" aria-labelledby="lead-history-heading">
      <h2 id="lead-history-heading">Status history</h2>
      <DataTable
        caption="Status history"
        captionHidden
        columns={columns}
        rows={events}
        getRowId={(event) => String(event.id)}
        emptyText="No status changes yet."
      />
    </section>
  );
}

// The ten most recent calls on the clinic's lines, newest first.
import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import { CALL_OUTCOME_LABELS, formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicRecent } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { DIRECTION_LABELS } from "./callLabels.ts";
import { formatDuration } from "./duration.ts";

type CallRow = RouterOutputs["call.list"]["items"][number];

const columns: ColumnDef<CallRow, unknown>[] = [
  { id: "startedAt", header: "When (Pacific)", cell: ({ row }) => <span className="nowrap">{formatClinicRecent(row.original.startedAt)}</span> },
  { id: "direction", header: "Direction", cell: ({ row }) => DIRECTION_LABELS[row.original.direction] },
  {
    id: "caller",
    header: "Caller",
    cell: ({ row }) => {
      const call = row.original;
      const number = formatNational(call.otherNumber);
      if (call.leadId === null) return number;
      return (
        <>
          <Link to={`/leads/${call.leadId}`}>{call.leadName ?? number}</Link>
          {call.leadName ? <span className="cell-secondary">{number}</span> : null}
        </>
      );
    },
  },
  { id: "outcome", header: "Outcome", cell: ({ row }) => CALL_OUTCOME_LABELS[row.original.outcome] },
  { id: "duration", header: "Duration", cell: ({ row }) => formatDuration(row.original.durationSeconds) },
  { id: "handledBy", header: "Handled by", cell: ({ row }) => row.original.handledBy ?? "—" },
];

export function RecentCalls() {
  const trpc = useTRPC();
  const calls = useQuery(trpc["call.list"].queryOptions({ page: 1, perPage: 10 }));
  if (calls.isError) {
    return <ErrorNotice>{errorSentence(calls.error)}</ErrorNotice>;
  }
  // Until the ten rows arrive their height is kept, so the leads below do not jump when they do.
  return (
    <div className={calls.data ? undefined : "recent-calls-loading"}>
      <DataTable
        caption="Recent calls"
        captionHidden
        columns={columns}
        rows={calls.data?.items}
        getRowId={(call) => String(call.id)}
        emptyText="No calls yet."
        busy={calls.isFetching}
      />
    </div>
  );
}

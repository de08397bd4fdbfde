// Where the others stopped: the cohort's closed leads by reason.
import { memo, useMemo } from "react";
import { CLOSED_REASON_LABELS, type FunnelFigures } from "@intake/domain";
import { FigureTable, type FigureColumn } from "./FigureTable.tsx";
import { formatCount, formatPercent } from "./format.ts";

type Row = FunnelFigures["closedReasons"][number] & { share: number | null };

const columns: FigureColumn<Row>[] = [
  { id: "reason", header: "Reason", text: (r) => CLOSED_REASON_LABELS[r.reason] },
  { id: "count", header: "Leads closed", text: (r) => r.count, cell: (r) => formatCount(r.count), numeric: true },
  { id: "share", header: "Of closed leads", text: (r) => formatPercent(r.share), numeric: true },
];

export const ClosedReasons = memo(function ClosedReasons({ figures, busy }: { figures: FunnelFigures | undefined; busy: boolean }) {
  const closed = figures?.closedReasons.reduce((sum, r) => sum + r.count, 0) ?? 0;
  const rows = useMemo(
    () => figures?.closedReasons.map((r) => ({ ...r, share: closed > 0 ? r.count / closed : null })).sort((a, b) => b.count - a.count),
    [figures, closed],
  );
  return (
    <>
      <p className="muted funnel-note">{figures ? `${formatCount(closed)} leads of this cohort are closed now.` : "\u00a0"}</p>
      <FigureTable
        caption="Closed reasons"
        columns={columns}
        rows={rows}
        getRowId={(r) => r.reason}
        emptyText="No closed leads."
        filename="funnel-closed-reasons"
        busy={busy}
      />
    </>
  );
});

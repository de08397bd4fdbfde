// The funnel's stages in words and numbers: the chart's accessible equivalent, and a way into each stage's leads.
import { memo, useMemo } from "react";
import { Link } from "react-router";
import { FUNNEL_STAGE_LABELS, type FunnelStageFigures } from "@intake/domain";
import { FigureTable, type FigureColumn } from "./FigureTable.tsx";
import { leadsHref, type FunnelParams } from "./funnelParams.ts";
import { formatCount, formatHours, formatPercent } from "./format.ts";

function columns(params: FunnelParams, canDrill: boolean): FigureColumn<FunnelStageFigures>[] {
  const cols: FigureColumn<FunnelStageFigures>[] = [
    { id: "stage", header: "Stage", text: (s) => FUNNEL_STAGE_LABELS[s.stage] },
    { id: "count", header: "Leads", text: (s) => s.count, cell: (s) => formatCount(s.count), numeric: true },
    { id: "fromPrevious", header: "From previous stage", text: (s) => formatPercent(s.fromPrevious), numeric: true },
    { id: "fromInquiry", header: "From inquiry", text: (s) => formatPercent(s.fromInquiry), numeric: true },
    { id: "median", header: "Median time from inquiry", text: (s) => formatHours(s.medianHoursFromInquiry), numeric: true },
  ];
  if (canDrill) {
    cols.push({
      id: "leads",
      header: "Leads behind it",
      text: () => "",
      exported: false,
      cell: (s) =>
        s.count > 0 ? (
          <Link className="button button-secondary button-small" to={leadsHref(params, s.stage)}>
            Show leads<span className="visually-hidden"> for {FUNNEL_STAGE_LABELS[s.stage].toLowerCase()}</span>
          </Link>
        ) : (
          <span className="muted">None</span>
        ),
    });
  }
  return cols;
}

export const StageTable = memo(function StageTable({
  stages,
  params,
  canDrill,
  busy,
}: {
  stages: readonly FunnelStageFigures[] | undefined;
  params: FunnelParams;
  canDrill: boolean;
  busy: boolean;
}) {
  const cols = useMemo(() => columns(params, canDrill), [params, canDrill]);
  return (
    <FigureTable
      caption="Stages"
      columns={cols}
      rows={stages}
      getRowId={(s) => s.stage}
      emptyText="No leads in this cohort."
      filename="funnel-stages"
      busy={busy}
    />
  );
});

// The funnel as a bar chart (recharts): one bar per stage, each opening the leads behind it; the stage table is its text equivalent.
import { memo, useMemo } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { FUNNEL_STAGE_LABELS, type FunnelStage, type FunnelStageFigures } from "@intake/domain";
import { formatCount, formatPercent } from "./format.ts";

export const CHART_COLOURS = { primary: "#1b5a7e", secondary: "#b0601a", grid: "#d6dde4", text: "#4d5966" } as const;

interface Props {
  stages: readonly FunnelStageFigures[];
  onOpen: (stage: FunnelStage) => void;
  /** The id of the element that says in words what the chart shows. */
  descriptionId: string;
}

/** Memoised: recharts is the costliest thing on the page, and its figures change only with the filters. */
export const FunnelChart = memo(function FunnelChart({ stages, onOpen, descriptionId }: Props) {
  const data = useMemo(
    () => stages.map((s) => ({ stage: s.stage, label: FUNNEL_STAGE_LABELS[s.stage], count: s.count, fromInquiry: s.fromInquiry })),
    [stages],
  );
  const summary = data.map((d) => `${d.label} ${formatCount(d.count)}`).join(", ");
  return (
    <figure className="funnel-figure" aria-labelledby="funnel-chart-title" aria-describedby={descriptionId}>
      <figcaption id="funnel-chart-title" className="visually-hidden">
        Leads reaching each stage
      </figcaption>
      <div className="funnel-chart" style={{ height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 56, bottom: 4, left: 8 }}
            role="img"
            title="Leads reaching each stage"
            desc={summary}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} stroke={CHART_COLOURS.grid} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: CHART_COLOURS.text, fontSize: 12 }} stroke={CHART_COLOURS.grid} />
            <YAxis type="category" dataKey="label" width={104} tick={{ fill: CHART_COLOURS.text, fontSize: 13 }} stroke={CHART_COLOURS.grid} />
            <Tooltip
              cursor={{ fill: "#e5eff5" }}
              formatter={(value, _name, item) => {
                const share = (item.payload as { fromInquiry: number | null }).fromInquiry;
                return [`${formatCount(Number(value))}${share === null ? "" : ` (${formatPercent(share)} of inquiries)`}`, "Leads"];
              }}
            />
            <Bar
              dataKey="count"
              name="Leads"
              fill={CHART_COLOURS.primary}
              radius={[0, 4, 4, 0]}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_entry, index) => {
                const stage = data[index]?.stage;
                if (stage) onOpen(stage);
              }}
            >
              <LabelList dataKey="count" position="right" fill={CHART_COLOURS.text} fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

// Trend over weeks: the weekly cohorts of the chosen range (its last twelve at most), as a chart and the same figures as a table.
import { useDeferredValue, useMemo } from "react";
import { useQueries } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FunnelInput } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { CHART_COLOURS } from "./FunnelChart.tsx";
import { FigureTable, type FigureColumn } from "./FigureTable.tsx";
import { addDays, type Cohort } from "./funnelParams.ts";
import { formatCount, formatMinutes, formatPercent } from "./format.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";

export const TREND_WEEKS = 12;

interface Week {
  from: string;
  /** Last day included. */
  through: string;
  label: string;
}

interface Row extends Week {
  inquiries: number;
  inTreatment: number;
  conversion: number | null;
  speedToLead: number | null;
}

const shortDay = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

const daysIn = (cohort: Cohort) => Math.round((Date.parse(cohort.through) - Date.parse(cohort.from)) / 86_400_000) + 1;

/**
 * The weeks of the chosen range, counted back from its last day: at most TREND_WEEKS of them (the
 * latest), and the earliest cut at the range's first day, so no week reaches outside the range.
 */
export function trendWeeks(cohort: Cohort): Week[] {
  const count = Math.min(TREND_WEEKS, Math.ceil(daysIn(cohort) / 7));
  return Array.from({ length: count }, (_, i) => {
    const through = addDays(cohort.through, -7 * (count - 1 - i));
    const weekStart = addDays(through, -6);
    const from = weekStart < cohort.from ? cohort.from : weekStart;
    return { from, through, label: `${dayLabel(from)} – ${dayLabel(through)}` };
  });
}

const columns: FigureColumn<Row>[] = [
  { id: "week", header: "Week", text: (r) => r.label, cell: (r) => <span className="nowrap">{r.label}</span> },
  { id: "inquiries", header: "Inquiries", text: (r) => r.inquiries, cell: (r) => formatCount(r.inquiries), numeric: true },
  { id: "inTreatment", header: "In treatment", text: (r) => r.inTreatment, cell: (r) => formatCount(r.inTreatment), numeric: true },
  { id: "conversion", header: "Inquiry to treatment", text: (r) => formatPercent(r.conversion), numeric: true },
  { id: "speed", header: "Speed to lead (median)", text: (r) => formatMinutes(r.speedToLead), numeric: true },
];

/** `filters` are the cohort's other filters (source, line, coordinator); each week is a cohort of its own. */
export function FunnelTrend({ cohort, filters }: { cohort: Cohort; filters: Omit<FunnelInput, "from" | "to"> }) {
  const trpc = useTRPC();
  const weeks = useMemo(() => trendWeeks(cohort), [cohort]);
  // One row list, made once when the last week arrives (not on each of the twelve answers).
  const { rows: readyRows, failed } = useQueries({
    queries: weeks.map((w) => trpc.funnel.get.queryOptions({ ...filters, from: w.from, to: addDays(w.through, 1) })),
    combine: (results) => ({
      failed: results.some((r) => r.isError),
      rows: results.every((r) => r.data)
        ? weeks.map((w, i): Row => {
            const f = results[i]?.data;
            const inquiries = f?.stages[0]?.count ?? 0;
            const inTreatment = f?.stages.at(-1)?.count ?? 0;
            return { ...w, inquiries, inTreatment, conversion: f?.stages.at(-1)?.fromInquiry ?? null, speedToLead: f?.speedToLead.medianMinutes ?? null };
          })
        : undefined,
    }),
  });
  // The chart draws in a transition, in slices, after the rest of the page has answered.
  const rows = useDeferredValue(readyRows);
  const summary = rows ? rows.map((r) => `${r.label}: ${r.inquiries} inquiries, ${r.inTreatment} in treatment`).join("; ") : "Loading";

  return (
    <>
      <p id="funnel-trend-description" className="muted funnel-note">
        Each week of the chosen range is its own cohort: the leads that first called that week, and how many of them are in treatment now. Recent weeks have had
        less time to get there.
        {weeks.length === TREND_WEEKS && daysIn(cohort) > TREND_WEEKS * 7
          ? ` The range is longer than ${TREND_WEEKS} weeks: these are its last ${TREND_WEEKS}.`
          : ""}
      </p>
      {failed ? <ErrorNotice>The weekly figures could not be loaded. Reload the page to try again.</ErrorNotice> : null}
      <figure className="funnel-figure" aria-labelledby="funnel-trend-title" aria-describedby="funnel-trend-description">
        <figcaption id="funnel-trend-title" className="visually-hidden">
          Inquiries and leads in treatment per week
        </figcaption>
        <div className="funnel-chart" style={{ height: 260 }}>
          {rows ? (
            <ResponsiveContainer width="100%" height="100%">
              <LineChart
                data={rows}
                margin={{ top: 8, right: 24, bottom: 4, left: 0 }}
                role="img"
                title="Inquiries and leads in treatment per week"
                desc={summary}
                accessibilityLayer={false}
              >
                <CartesianGrid vertical={false} stroke={CHART_COLOURS.grid} />
                <XAxis
                  dataKey="label"
                  tickFormatter={(l: string) => l.split(" – ")[0] ?? l}
                  tick={{ fill: CHART_COLOURS.text, fontSize: 12 }}
                  stroke={CHART_COLOURS.grid}
                />
                <YAxis allowDecimals={false} width={40} tick={{ fill: CHART_COLOURS.text, fontSize: 12 }} stroke={CHART_COLOURS.grid} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13, color: CHART_COLOURS.text }} />
                <Line
                  type="monotone"
                  dataKey="inquiries"
                  name="Inquiries"
                  stroke={CHART_COLOURS.primary}
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="inTreatment"
                  name="In treatment"
                  stroke={CHART_COLOURS.secondary}
                  strokeWidth={2}
                  strokeDasharray="5 3"
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <p className="page-loading">Loading…</p>
          )}
        </div>
      </figure>
      <FigureTable caption="Weekly cohorts" columns={columns} rows={rows} getRowId={(r) => r.from} emptyText="No weeks." filename="funnel-weekly" />
    </>
  );
}

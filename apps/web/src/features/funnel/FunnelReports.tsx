// The funnel side by side: one row per coordinator, source, line, language, channel, campaign or referring provider (report.*),
// with the whole cohort last; each exportable. By provider it is their scorecard, with the median days to treatment.
import { useRef, useState, type KeyboardEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { referrerScorecard, type FunnelFigures, type FunnelInput } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { FigureTable, type FigureColumn } from "./FigureTable.tsx";
import { formatCount, formatMinutes, formatPercent } from "./format.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";

interface Row {
  key: string;
  name: string;
  funnel: FunnelFigures;
}

const TABS = [
  { id: "coordinator", label: "By coordinator", header: "Coordinator" },
  { id: "source", label: "By source", header: "Source" },
  { id: "line", label: "By line", header: "Line" },
  { id: "language", label: "By language", header: "Language" },
  { id: "referrer", label: "By referring provider", header: "Referring provider" },
  { id: "channel", label: "By channel", header: "Came in by" },
  { id: "campaign", label: "By campaign", header: "Campaign" },
] as const;
type TabId = (typeof TABS)[number]["id"];

const count = (i: number) => (r: Row) => r.funnel.stages[i]?.count ?? 0;

const daysToTreatment: FigureColumn<Row> = {
  id: "daysToTreatment",
  header: "Days to treatment (median)",
  text: (r) => {
    const days = referrerScorecard(r.funnel).medianDaysToTreatment;
    return days === null ? "—" : days.toFixed(1);
  },
  numeric: true,
};

function columns(groupHeader: string, tab: TabId): FigureColumn<Row>[] {
  const stageCol = (id: string, header: string, i: number): FigureColumn<Row> => ({
    id,
    header,
    text: count(i),
    cell: (r) => formatCount(count(i)(r)),
    numeric: true,
  });
  return [
    { id: "name", header: groupHeader, text: (r) => r.name, cell: (r) => (r.key === "total" ? <strong>{r.name}</strong> : r.name) },
    stageCol("inquiry", "Inquiries", 0),
    stageCol("contacted", "Contacted", 1),
    stageCol("screened", "Screened", 2),
    stageCol("eligible", "Eligible", 3),
    stageCol("scheduled", "Scheduled", 5),
    stageCol("consulted", "Consulted", 6),
    stageCol("treatment", "In treatment", 7),
    { id: "conversion", header: "Inquiry to treatment", text: (r) => formatPercent(r.funnel.stages[7]?.fromInquiry ?? null), numeric: true },
    { id: "speed", header: "Speed to lead (median)", text: (r) => formatMinutes(r.funnel.speedToLead.medianMinutes), numeric: true },
    { id: "answer", header: "Answer rate", text: (r) => formatPercent(r.funnel.answerRate), numeric: true },
    { id: "show", header: "Show rate", text: (r) => formatPercent(r.funnel.showRate), numeric: true },
    ...(tab === "referrer" ? [daysToTreatment] : []),
  ];
}

/** A report's groups as table rows, with the whole cohort last. */
function withTotal(groups: Row[], funnel: FunnelFigures): Row[] {
  return [...groups, { key: "total", name: "All leads of the cohort", funnel }];
}

function useReport(tab: TabId, input: FunnelInput): { rows: Row[] | undefined; busy: boolean; error: unknown } {
  const trpc = useTRPC();
  const opts = { placeholderData: keepPreviousData } as const;
  // Every report is asked for only while its tab is open; each turns its groups into rows.
  const queries = {
    coordinator: useQuery({
      ...trpc.report.byCoordinator.queryOptions(input, opts),
      enabled: tab === "coordinator",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: String(g.coordinatorId ?? "none"), name: g.name, funnel: g.funnel })),
          d.total,
        ),
    }),
    source: useQuery({
      ...trpc.report.bySource.queryOptions(input, opts),
      enabled: tab === "source",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: g.source ?? "none", name: g.source ?? "No source recorded", funnel: g.funnel })),
          d.total,
        ),
    }),
    line: useQuery({
      ...trpc.report.byLine.queryOptions(input, opts),
      enabled: tab === "line",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: String(g.lineId ?? "none"), name: g.label, funnel: g.funnel })),
          d.total,
        ),
    }),
    language: useQuery({
      ...trpc.report.byLanguage.queryOptions(input, opts),
      enabled: tab === "language",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: g.language, name: g.label, funnel: g.funnel })),
          d.total,
        ),
    }),
    channel: useQuery({
      ...trpc.report.byChannel.queryOptions(input, opts),
      enabled: tab === "channel",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: g.channel, name: g.label, funnel: g.funnel })),
          d.total,
        ),
    }),
    campaign: useQuery({
      ...trpc.report.byCampaign.queryOptions(input, opts),
      enabled: tab === "campaign",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: g.campaign ?? "none", name: g.campaign ?? "No campaign recorded", funnel: g.funnel })),
          d.total,
        ),
    }),
    referrer: useQuery({
      ...trpc.report.byReferrer.queryOptions(input, opts),
      enabled: tab === "referrer",
      select: (d) =>
        withTotal(
          d.groups.map((g) => ({ key: String(g.referrerId ?? "none"), name: g.practice ? `${g.name}, ${g.practice}` : g.name, funnel: g.funnel })),
          d.total,
        ),
    }),
  } satisfies Record<TabId, unknown>;
  const query = queries[tab];
  return { rows: query.data, busy: query.isFetching, error: query.error };
}

export function FunnelReports({ input }: { input: FunnelInput }) {
  const [tab, setTab] = useState<TabId>("coordinator");
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const report = useReport(tab, input);
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];

  // Arrow keys move between tabs, as in every tab list (WAI-ARIA Authoring Practices).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const next = event.key === "Home" ? TABS[0] : event.key === "End" ? TABS[TABS.length - 1] : step ? TABS[(i + step + TABS.length) % TABS.length] : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <>
      <div role="tablist" aria-label="Group the funnel" className="funnel-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`funnel-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls="funnel-tabpanel"
            tabIndex={t.id === tab ? 0 : -1}
            className="funnel-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="funnel-tabpanel" aria-labelledby={`funnel-tab-${tab}`} className="funnel-tabpanel">
        {report.error ? <ErrorNotice>{errorSentence(report.error)}</ErrorNotice> : null}
        <FigureTable
          key={tab}
          caption={current.label.replace("By", "Funnel by")}
          columns={columns(current.header, tab)}
          rows={report.rows}
          getRowId={(r) => r.key}
          emptyText="No leads in this cohort."
          filename={`funnel-by-${tab}`}
          busy={report.busy}
        />
      </div>
    </>
  );
}

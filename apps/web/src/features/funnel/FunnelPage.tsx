// The managers' funnel dashboard: filters in the URL, headline figures, the funnel chart and its stage table,
// closed reasons, the weekly trend and the side-by-side reports.
import { lazy, Suspense, useCallback, useDeferredValue, useMemo } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { can, type FunnelFigures, type FunnelStage } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { Deferred } from "../../ui/Deferred.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { ClosedReasons } from "./ClosedReasons.tsx";
import { FunnelFilters } from "./FunnelFilters.tsx";
import { FunnelReports } from "./FunnelReports.tsx";
import { cohortOf, leadsHref, toFunnelInput, useFunnelParams } from "./funnelParams.ts";
import { formatCount, formatMinutes, formatPercent } from "./format.ts";
import { CohortText } from "./CohortText.tsx";
import { StageTable } from "./StageTable.tsx";
import "./funnel.css";

/** The charting library is most of this screen's code: it loads beside the figures, which show without it. */
const FunnelChart = lazy(() => import("./FunnelChart.tsx").then((m) => ({ default: m.FunnelChart })));
const FunnelTrend = lazy(() => import("./FunnelTrend.tsx").then((m) => ({ default: m.FunnelTrend })));

export function FunnelPage() {
  const trpc = useTRPC();
  const user = useUser();
  const navigate = useNavigate();
  const { params, search, update } = useFunnelParams();
  const cohort = useMemo(() => cohortOf(params), [params]);
  const input = useMemo(() => toFunnelInput(params), [params]);
  const funnel = useQuery(trpc.funnel.get.queryOptions(input, { placeholderData: keepPreviousData }));
  const canDrill = can(user.role, "funnel.leads");
  const others = useMemo(() => {
    const { from: _from, to: _to, ...rest } = input;
    return rest;
  }, [input]);
  // The headline figures show at once; the chart and tables draw from this copy in a transition, in
  // small slices, so the page keeps answering while they draw.
  const figures = useDeferredValue(funnel.data);
  const openStage = useCallback((stage: FunnelStage) => void navigate(leadsHref(params, stage)), [navigate, params]);

  return (
    <>
      <title>Funnel · Iris Intake</title>
      <div className="funnel-heading">
        <h1>Conversion funnel</h1>
        <p className="muted">
          <CohortText cohort={cohort} params={params} />
        </p>
      </div>

      <section className="panel" aria-labelledby="funnel-filters-heading">
        <h2 id="funnel-filters-heading" className="visually-hidden">
          Filters
        </h2>
        <FunnelFilters key={search} params={params} cohort={cohort} onApply={update} />
      </section>

      {funnel.isError ? <ErrorNotice>{errorSentence(funnel.error)}</ErrorNotice> : null}

      <Headline figures={funnel.data} />

      <section className="panel" aria-labelledby="funnel-stages-heading">
        <h2 id="funnel-stages-heading">Stages</h2>
        <p id="funnel-chart-description" className="muted funnel-note">
          How many leads of the cohort ever reached each stage. {canDrill ? "Select a bar, or Show leads in the table, to see the leads behind it." : ""}
        </p>
        <div className="funnel-chart-slot">
          {figures ? (
            <Suspense fallback={<p className="page-loading">Loading…</p>}>
              <FunnelChart stages={figures.stages} descriptionId="funnel-chart-description" onOpen={openStage} />
            </Suspense>
          ) : (
            <p className="page-loading">Loading…</p>
          )}
        </div>
        <StageTable stages={figures?.stages} params={params} canDrill={canDrill} busy={funnel.isFetching} />
      </section>

      <div className="funnel-grid">
        <section className="panel" aria-labelledby="funnel-closed-heading">
          <h2 id="funnel-closed-heading">Where the others stopped</h2>
          <ClosedReasons figures={figures} busy={funnel.isFetching} />
        </section>
        <section className="panel" aria-labelledby="funnel-trend-heading">
          <h2 id="funnel-trend-heading">Trend over weeks</h2>
          {/* Below the first screen: drawn after the stages, with its twelve weekly queries. */}
          <Deferred minHeight="40rem" after={figures !== undefined}>
            <FunnelTrend cohort={cohort} filters={others} />
          </Deferred>
        </section>
      </div>

      <section className="panel" aria-labelledby="funnel-reports-heading">
        <h2 id="funnel-reports-heading">Side by side</h2>
        <Deferred minHeight="20rem" after={figures !== undefined}>
          <FunnelReports input={input} />
        </Deferred>
      </section>
    </>
  );
}

function Headline({ figures }: { figures: FunnelFigures | undefined }) {
  const inquiries = figures?.stages[0]?.count;
  const treatment = figures?.stages.at(-1);
  // Speed to lead is measured over the leads that were contacted (docs/domain.md, "Funnel").
  const contacted = figures?.stages.find((s) => s.stage === "contacted")?.count;
  const value = (text: string | undefined) => text ?? "…";
  return (
    <section aria-labelledby="funnel-headline-heading">
      <h2 id="funnel-headline-heading" className="visually-hidden">
        Headline figures
      </h2>
      <dl className="funnel-headline">
        <div className="funnel-stat">
          <dt>Inquiries</dt>
          <dd>{value(inquiries === undefined ? undefined : formatCount(inquiries))}</dd>
          <dd className="funnel-stat-detail">New leads in the cohort</dd>
        </div>
        <div className="funnel-stat">
          <dt>In treatment</dt>
          <dd>{value(treatment ? formatCount(treatment.count) : undefined)}</dd>
          <dd className="funnel-stat-detail">{treatment ? `${formatPercent(treatment.fromInquiry)} of inquiries` : "\u00a0"}</dd>
        </div>
        <div className="funnel-stat">
          <dt>Speed to lead</dt>
          <dd>{value(figures ? formatMinutes(figures.speedToLead.medianMinutes) : undefined)}</dd>
          <dd className="funnel-stat-detail">
            {figures ? `Median of ${formatCount(contacted ?? 0)} contacted leads · 90th percentile ${formatMinutes(figures.speedToLead.p90Minutes)}` : "\u00a0"}
          </dd>
        </div>
        <div className="funnel-stat">
          <dt>Inbound answer rate</dt>
          <dd>{value(figures ? formatPercent(figures.answerRate) : undefined)}</dd>
          <dd className="funnel-stat-detail">
            {figures ? `${formatCount(figures.calls.connected)} of ${formatCount(figures.calls.inbound)} inbound calls answered` : "\u00a0"}
          </dd>
        </div>
        <div className="funnel-stat">
          <dt>Consult show rate</dt>
          <dd>{value(figures ? formatPercent(figures.showRate) : undefined)}</dd>
          <dd className="funnel-stat-detail">
            {figures ? `${formatCount(figures.consults.attended)} attended, ${formatCount(figures.consults.noShow)} no-show` : "\u00a0"}
          </dd>
        </div>
        <div className="funnel-stat">
          <dt>Show rate, confirmed by text</dt>
          <dd>{value(figures ? formatPercent(figures.showRateByConfirmation.confirmed) : undefined)}</dd>
          <dd className="funnel-stat-detail">
            {figures
              ? `unconfirmed: ${formatPercent(figures.showRateByConfirmation.unconfirmed)} (${formatCount(figures.consults.confirmedAttended)} of ${formatCount(figures.consults.confirmedAttended + figures.consults.confirmedNoShow)} confirmed came)`
              : "\u00a0"}
          </dd>
        </div>
      </dl>
    </section>
  );
}

// The drill-down: the named leads of the cohort behind one stage of the funnel, paged; a PHI read the audit trail records.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link, useNavigate } from "react-router";
import { CLOSED_REASON_LABELS, FUNNEL_STAGES, FUNNEL_STAGE_LABELS, type FunnelStage } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { formatClinicDate, formatClinicDateTime } from "../../ui/clinicTime.ts";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { CohortText } from "./CohortText.tsx";
import { PER_PAGE, cohortOf, leadsHref, toFunnelInput, toSearch, useFunnelLeadsParams } from "./funnelParams.ts";
import "./funnel.css";

type LeadRow = RouterOutputs["funnel"]["leads"]["items"][number];

function columns(stage: FunnelStage): ColumnDef<LeadRow, unknown>[] {
  return [
    {
      id: "name",
      header: "Lead",
      cell: ({ row }) => <Link to={`/leads/${row.original.id}`}>{row.original.name ?? `Lead ${row.original.id} (no name yet)`}</Link>,
    },
    { id: "status", header: "Status now", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "source", header: "Source", cell: ({ row }) => row.original.source ?? <span className="muted">Not recorded</span> },
    { id: "created", header: "Inquiry", cell: ({ row }) => <span className="nowrap">{formatClinicDate(row.original.createdAt)}</span> },
    {
      id: "reached",
      header: `Reached ${FUNNEL_STAGE_LABELS[stage].toLowerCase()}`,
      cell: ({ row }) => <span className="nowrap">{formatClinicDateTime(row.original.reachedAt)}</span>,
    },
    {
      id: "closed",
      header: "Closed reason",
      cell: ({ row }) => (row.original.closedReason ? CLOSED_REASON_LABELS[row.original.closedReason] : <span className="muted">—</span>),
    },
  ];
}

export function FunnelLeadsPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { params, setPage } = useFunnelLeadsParams();
  const { stage, page, ...filters } = params;
  const cohort = cohortOf(filters);
  const leads = useQuery(trpc.funnel.leads.queryOptions({ ...toFunnelInput(filters), stage, page, perPage: PER_PAGE }, { placeholderData: keepPreviousData }));
  const total = leads.data?.total ?? 0;
  const label = FUNNEL_STAGE_LABELS[stage];

  return (
    <>
      <title>{`${label} leads · Funnel · Iris Intake`}</title>
      <p className="funnel-back">
        <Link to={`/funnel${toSearch(filters)}`}>← Back to the funnel</Link>
      </p>
      <div className="funnel-heading">
        <h1>Leads that reached {label.toLowerCase()}</h1>
        <p className="muted">
          <CohortText cohort={cohort} params={filters} />
        </p>
      </div>
      <p className="notice notice-info funnel-audit-note">
        This list names patients. Opening it is recorded in the audit trail under your name, with the cohort and stage.
      </p>
      <section className="panel" aria-labelledby="funnel-leads-heading">
        <div className="funnel-toolbar">
          <h2 id="funnel-leads-heading">{label}</h2>
          <SelectField label="Stage" value={stage} onChange={(e) => void navigate(leadsHref(filters, e.target.value as FunnelStage))}>
            {FUNNEL_STAGES.map((s) => (
              <option key={s} value={s}>
                {FUNNEL_STAGE_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
        {leads.isError ? <ErrorNotice>{errorSentence(leads.error)}</ErrorNotice> : null}
        <DataTable
          caption={`Leads that reached ${label.toLowerCase()}`}
          captionHidden
          columns={columns(stage)}
          rows={leads.data?.items}
          getRowId={(lead) => String(lead.id)}
          emptyText="No lead of this cohort reached this stage."
          busy={leads.isFetching}
          paging={{ page, perPage: PER_PAGE, total, noun: total === 1 ? "lead" : "leads", onPageChange: setPage }}
        />
      </section>
    </>
  );
}

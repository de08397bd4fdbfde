// The leads table: search, status filter, sortable columns and pages, all done by the server.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link, useLocation } from "react-router";
import { LEAD_STATUSES, LEAD_STATUS_LABELS, formatNational, isPartialPhoneSearch, type LeadStatus } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDate } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { SearchBox } from "../../ui/SearchBox.tsx";
import { PER_PAGE_OPTIONS, sortToState, stateToSort, useLeadListParams } from "./leadListParams.ts";
import { FocusSearchState, LEAD_SEARCH_ID, LEAD_SEARCH_KEY } from "./leadSearchShortcut.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type LeadRow = RouterOutputs["lead"]["list"]["items"][number];

// Sortable columns have an accessor (TanStack only sorts those) and an id equal to the API's sort key.
const columns: ColumnDef<LeadRow, unknown>[] = [
  {
    id: "name",
    header: "Name",
    accessorFn: (lead) => lead.name,
    cell: ({ row }) => (
      <Link to={`/leads/${row.original.id}`}>
        {row.original.name ?? (
          <>
            Unnamed caller<span className="visually-hidden">, {formatNational(row.original.phone)}</span>
          </>
        )}
      </Link>
    ),
  },
  { id: "phone", header: "Phone", cell: ({ row }) => <span className="nowrap">{formatNational(row.original.phone)}</span> },
  { id: "status", header: "Status", accessorFn: (lead) => lead.status, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
  { id: "source", header: "Source", cell: ({ row }) => row.original.source ?? "—" },
  {
    id: "createdAt",
    header: "Created",
    accessorFn: (lead) => lead.createdAt,
    sortDescFirst: true,
    cell: ({ row }) => <span className="nowrap">{formatClinicDate(row.original.createdAt)}</span>,
  },
];

export function LeadsTable() {
  const trpc = useTRPC();
  const { view, update } = useLeadListParams();
  const leads = useQuery(
    trpc.lead.list.queryOptions(
      { page: view.page, perPage: view.perPage, sort: view.sort, status: view.status, search: view.search || undefined },
      // The old page stays on screen while the next one loads, so the table does not jump.
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <div className="leads-table">
      <div className="table-toolbar">
        <LeadSearchBox value={view.search} onSearch={(search) => update({ search }, { replace: true })} />
        <SelectField label="Status" value={view.status ?? ""} onChange={(e) => update({ status: (e.target.value || undefined) as LeadStatus | undefined })}>
          <option value="">All statuses</option>
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {LEAD_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Rows per page" value={String(view.perPage)} onChange={(e) => update({ perPage: Number(e.target.value) })}>
          {PER_PAGE_OPTIONS.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </SelectField>
      </div>
      {leads.isError ? <ErrorNotice>{errorSentence(leads.error)}</ErrorNotice> : null}
      <DataTable
        caption="Leads"
        captionHidden
        columns={columns}
        rows={leads.data?.items}
        getRowId={(lead) => String(lead.id)}
        emptyText={
          view.search && isPartialPhoneSearch(view.search)
            ? "No leads match. Search a phone number by the whole number or its last 4 or 7 digits."
            : view.search || view.status
              ? "No leads match this search."
              : "No leads yet."
        }
        busy={leads.isFetching}
        sorting={{ state: sortToState(view.sort), onChange: (next) => update({ sort: stateToSort(next) }) }}
        paging={{
          page: view.page,
          perPage: view.perPage,
          total: leads.data?.total ?? 0,
          noun: leads.data?.total === 1 ? "lead" : "leads",
          onPageChange: (page) => update({ page }),
        }}
      />
    </div>
  );
}

function LeadSearchBox({ value, onSearch }: { value: string; onSearch: (search: string) => void }) {
  const focusOnMount = FocusSearchState.parse(useLocation().state).focusSearch === true;
  return (
    <SearchBox
      id={LEAD_SEARCH_ID}
      label="Search leads"
      hint={
        <>
          Name, or a phone number in any format: whole, or its last 4 or 7 digits · <kbd>{LEAD_SEARCH_KEY}</kbd> jumps here
        </>
      }
      autoFocus={focusOnMount}
      value={value}
      onSearch={onSearch}
    />
  );
}

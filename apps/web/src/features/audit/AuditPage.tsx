// The audit report for managers and admins: who read or changed what, when and from where; filtered, sorted, paged, exported.
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { AuditFilterForm } from "./AuditFilterForm.tsx";
import { PER_PAGE_OPTIONS, auditHref, hasFilters, toApiFilters, useAuditParams, type AuditFilters } from "./auditParams.ts";
import { formatAuditTime } from "./auditTime.ts";
import { downloadText } from "../../ui/download.ts";
import { OUTCOME_LABELS, auditActionText, auditRecordText, roleText } from "./labels.ts";
import "./audit.css";

type AuditRow = RouterOutputs["audit"]["list"]["items"][number];

/** A list read names every id it returned; beyond this many the rest fold away. */
const IDS_SHOWN = 4;
const USER_LINK_HINT = "audit-user-link-hint";

const columns: ColumnDef<AuditRow, unknown>[] = [
  { id: "seq", header: "Entry", cell: ({ row }) => <span className="nowrap">{row.original.seq}</span> },
  {
    // The only sortable column; its id is the API's sort key.
    id: "at",
    header: "Time (Pacific)",
    accessorFn: (entry) => entry.at,
    sortDescFirst: true,
    cell: ({ row }) => (
      <time className="nowrap" dateTime={new Date(row.original.at).toISOString()}>
        {formatAuditTime(row.original.at)}
      </time>
    ),
  },
  {
    id: "user",
    header: "User",
    cell: ({ row }) => {
      const { actorId, actorName, actorRole } = row.original;
      return (
        <>
          {actorId !== null ? (
            <Link to={auditHref({ actorId })} aria-describedby={USER_LINK_HINT}>
              {actorName ?? `User ${actorId}`}
            </Link>
          ) : (
            <span>{actorRole === "cli" ? "Command line" : actorRole === "website" ? "Website form" : "No session"}</span>
          )}
          <span className="cell-secondary">{actorId !== null ? `${roleText(actorRole)} · id ${actorId}` : roleText(actorRole)}</span>
        </>
      );
    },
  },
  {
    id: "action",
    header: "Action",
    // In words; the stored name stays beneath for an auditor, as the CSV and the action filter know it.
    cell: ({ row }) => (
      <>
        <span>{auditActionText(row.original.action)}</span>
        <code className="cell-secondary audit-action">{row.original.action}</code>
      </>
    ),
  },
  { id: "record", header: "Record", cell: ({ row }) => <RecordCell type={row.original.recordType} ids={row.original.recordId} /> },
  { id: "ip", header: "Address", cell: ({ row }) => <span className="nowrap">{row.original.ip ?? "—"}</span> },
  { id: "outcome", header: "Outcome", cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} /> },
];

/** A list read of calls, appointments or handoffs also names their leads as `lead:<id>` after its own ids. */
function RecordCell({ type, ids }: { type: string | null; ids: string | null }) {
  const tokens = ids ? ids.split(",") : [];
  const leads = tokens.filter((t) => t.startsWith("lead:")).map((t) => t.slice("lead:".length));
  const own = <OwnRecords type={type} list={tokens.filter((t) => !t.startsWith("lead:"))} />;
  if (!leads.length) return own;
  return (
    <>
      {own}
      <span className="cell-secondary">
        {auditRecordText("lead")} {leads.join(", ")}
      </span>
    </>
  );
}

function OwnRecords({ type, list }: { type: string | null; list: string[] }) {
  const label = type === null ? "Record" : auditRecordText(type);
  const only = list.length === 1 ? list[0] : undefined;
  if (list.length === 0) return <span>{type === null ? "—" : label}</span>;
  if (only !== undefined) {
    return (
      <span className="nowrap">
        {label} <Link to={auditHref({ recordType: type ?? undefined, recordId: only })}>{only}</Link>
      </span>
    );
  }
  return (
    <>
      <span>
        {label} {list.slice(0, IDS_SHOWN).join(", ")}
      </span>
      {list.length > IDS_SHOWN ? (
        <details className="audit-ids">
          <summary>
            and {list.length - IDS_SHOWN} more<span className="visually-hidden"> {label.toLowerCase()} ids</span>
          </summary>
          <p>{list.slice(IDS_SHOWN).join(", ")}</p>
        </details>
      ) : null}
    </>
  );
}

/** Refusals and failures are named in words and marked, not told by colour alone. */
function OutcomeBadge({ outcome }: { outcome: AuditRow["outcome"] }) {
  return (
    <span className={`audit-outcome audit-outcome-${outcome}`}>
      {outcome === "ok" ? null : (
        <span className="audit-outcome-mark" aria-hidden="true">
          !
        </span>
      )}
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

export function AuditPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { view, search, update } = useAuditParams();
  const filters = toApiFilters(view);
  const entries = useQuery(trpc.audit.list.queryOptions({ ...filters, page: view.page, perPage: view.perPage }, { placeholderData: keepPreviousData }));
  const [exported, setExported] = useState<{ rows: number; filename: string; truncated: boolean; search: string } | null>(null);
  // The confirmation describes the filters it was made with; other filters put it away.
  if (exported && exported.search !== search) setExported(null);

  const exportCsv = useMutation({
    // Read once and not kept: the export can be large, and the cache is no place for it.
    // The variable is the address the export was asked from, so its confirmation names those filters.
    mutationFn: (_from: string) => queryClient.fetchQuery({ ...trpc.audit.export.queryOptions(filters), staleTime: 0, gcTime: 0 }),
    onMutate: () => setExported(null),
    onSuccess(result, from) {
      downloadText(result.filename, result.content, "text/csv;charset=utf-8");
      setExported({ rows: result.rows, filename: result.filename, truncated: result.truncated, search: from });
    },
  });

  const total = entries.data?.total ?? 0;
  const filtered = hasFilters(view);

  return (
    <>
      <title>Audit trail · Iris Intake</title>
      <h1>Audit trail</h1>
      <p className="muted audit-intro">
        Every read and change of patient records, every export and every sign-in, with who, when and from where. Entries are chained and cannot be changed
        unnoticed; they name records by id only.
      </p>
      <section className="panel" aria-labelledby="audit-filters-heading">
        <h2 id="audit-filters-heading">Filters</h2>
        <AuditFilterForm key={search} filters={view} onApply={(next: AuditFilters) => update(next)} />
      </section>
      <section className="panel" aria-labelledby="audit-entries-heading">
        <div className="audit-toolbar">
          <h2 id="audit-entries-heading">Entries</h2>
          <SelectField label="Rows per page" value={String(view.perPage)} onChange={(e) => update({ perPage: Number(e.target.value) })}>
            {PER_PAGE_OPTIONS.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button-secondary" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(search)}>
            {exportCsv.isPending ? "Exporting…" : "Export CSV"}
          </button>
        </div>
        <div role="status" className={exported ? "notice notice-success" : "status-empty"}>
          {exported
            ? `Exported ${exported.rows.toLocaleString("en-US")} ${exported.rows === 1 ? "entry" : "entries"} to ${exported.filename}${
                exported.truncated ? ". That is the limit for one file: narrow the filters to export the rest." : "."
              }`
            : null}
        </div>
        {exportCsv.isError ? <ErrorNotice>{errorSentence(exportCsv.error)}</ErrorNotice> : null}
        {entries.isError ? <ErrorNotice>{errorSentence(entries.error)}</ErrorNotice> : null}
        <p id={USER_LINK_HINT} hidden>
          Shows only this person&apos;s entries
        </p>
        <div className="audit-table">
          <DataTable
            caption="Audit entries"
            captionHidden
            columns={columns}
            rows={entries.data?.items}
            getRowId={(entry) => String(entry.seq)}
            emptyText={filtered ? "No entries match these filters." : "No entries yet."}
            busy={entries.isFetching}
            sorting={{
              state: [{ id: "at", desc: view.sort === "-at" }],
              onChange: (next) => update({ sort: next[0]?.desc === false ? "at" : "-at" }),
            }}
            paging={{
              page: view.page,
              perPage: view.perPage,
              total,
              noun: total === 1 ? "entry" : "entries",
              onPageChange: (page) => update({ page }),
            }}
          />
        </div>
      </section>
    </>
  );
}

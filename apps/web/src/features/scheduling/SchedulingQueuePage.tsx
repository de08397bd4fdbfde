// The scheduling queue: leads handed to scheduling and waiting for a consult, oldest handoff first.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import { can, formatNational } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicRecent } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { useUser } from "../auth/session.tsx";
import { Age } from "./Age.tsx";
import { needsText, paymentText, resultText, textsText, voicemailText } from "./labels.ts";
import { SearchBox } from "../../ui/SearchBox.tsx";
import { QUEUE_PER_PAGE_OPTIONS, useQueueParams } from "./queueParams.ts";
import "./scheduling.css";

type QueueRow = RouterOutputs["scheduling"]["queue"]["items"][number];

const columns: ColumnDef<QueueRow, unknown>[] = [
  {
    id: "lead",
    header: "Lead",
    cell: ({ row }) => (
      <>
        <Link to={`/scheduling/leads/${row.original.leadId}`}>{row.original.leadName ?? "Unnamed caller"}</Link>
        <span className="cell-secondary">{formatNational(row.original.leadPhone)}</span>
      </>
    ),
  },
  {
    id: "waiting",
    header: "Waiting",
    cell: ({ row }) => (
      <>
        <span className="nowrap queue-age">
          <Age since={row.original.handedOffAt} />
        </span>
        <span className="cell-secondary">Handed off {formatClinicRecent(row.original.handedOffAt)}</span>
        {row.original.acknowledgedAt ? null : <span className="cell-secondary tag-unread">Note not yet read</span>}
      </>
    ),
  },
  { id: "needs", header: "Needs", cell: ({ row }) => needsText(row.original.needs, row.original.lastConsultStatus) },
  {
    id: "screening",
    header: "Screening",
    cell: ({ row }) => (
      <>
        <span className="queue-result">{resultText(row.original.result)}</span>
        {row.original.flags.length > 0 ? (
          <ul className="flag-list" aria-label="Flags">
            {row.original.flags.map((flag) => (
              <li key={flag.id}>{flag.label}</li>
            ))}
          </ul>
        ) : (
          <span className="cell-secondary">No flags</span>
        )}
      </>
    ),
  },
  { id: "payment", header: "Payment", cell: ({ row }) => paymentText(row.original.payment) },
  {
    id: "contact",
    header: "Contact",
    cell: ({ row }) => (
      <>
        <span className="nowrap">{voicemailText(row.original.voicemailOk)}</span>
        <span className="cell-secondary nowrap">{textsText(row.original.textOk)}</span>
      </>
    ),
  },
];

export function SchedulingQueuePage() {
  const trpc = useTRPC();
  const user = useUser();
  const { view, update } = useQueueParams();
  const queue = useQuery(
    trpc.scheduling.queue.queryOptions(
      { page: view.page, perPage: view.perPage, search: view.search || undefined, handedOffToday: view.today || undefined },
      // The ages tick on screen; the rows themselves are re-read each minute and on focus.
      { placeholderData: keepPreviousData, refetchInterval: 60_000 },
    ),
  );
  const total = queue.data?.total ?? 0;

  return (
    <>
      <title>Scheduling queue · Iris Intake</title>
      <h1>Scheduling queue</h1>
      <section className="panel" aria-label="Leads waiting for a consult">
        <div className="table-toolbar queue-toolbar">
          <p className="queue-intro">
            Leads handed to scheduling who need a consult booked, the longest waiting first.
            {can(user.role, "appointment.book") ? " Open a lead to book." : " You can read this queue; schedulers book."}
          </p>
          <SearchBox
            label="Search the queue"
            hint="Name, or a phone number: whole, or its last 4 or 7 digits"
            value={view.search}
            onSearch={(search) => update({ search })}
          />
          <label className="queue-today">
            <input type="checkbox" checked={view.today} onChange={(e) => update({ today: e.target.checked })} /> Handed off today
          </label>
          <SelectField label="Rows per page" value={String(view.perPage)} onChange={(e) => update({ perPage: Number(e.target.value) })}>
            {QUEUE_PER_PAGE_OPTIONS.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </SelectField>
        </div>
        {queue.isError ? <ErrorNotice>{errorSentence(queue.error)}</ErrorNotice> : null}
        <DataTable
          caption="Scheduling queue"
          captionHidden
          columns={columns}
          rows={queue.data?.items}
          getRowId={(row) => String(row.leadId)}
          emptyText={
            view.search || view.today ? "No lead waiting matches this search." : "Nobody is waiting: every lead handed to scheduling has a consult booked."
          }
          busy={queue.isFetching && queue.isPlaceholderData}
          paging={{
            page: view.page,
            perPage: view.perPage,
            total,
            noun: total === 1 ? "lead waiting" : "leads waiting",
            onPageChange: (page) => update({ page }),
          }}
        />
      </section>
    </>
  );
}

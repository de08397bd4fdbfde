// /inbox: handoff notes for this person — unread first (urgent on top) with their age, then the last read.
import { useEffect } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import { ROLE_LABELS, SCREENING_RESULTS, can } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { formatClinicRecent } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useNow } from "../../ui/useNow.ts";
import { useUser } from "../auth/session.tsx";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { ResultBadge } from "../screening/ScreeningSummaryView.tsx";
import { HandoffCard, targetText } from "./HandoffCard.tsx";
import { useInbox, type InboxHandoff } from "./inbox.ts";
import { UrgentAlertSettings } from "./UrgentAlerts.tsx";

export function InboxPage() {
  const user = useUser();
  const inbox = useInbox();
  // Ages tick while the page is open.
  const now = useNow(30_000);
  const readOnly = !can(user.role, "handoff.acknowledge");
  // The newest urgent note is first: brought into view whenever a newer one arrives.
  const newestUrgent = inbox.data?.unread.find((h) => h.urgent)?.id;
  useEffect(() => {
    if (newestUrgent !== undefined) document.getElementById(`handoff-${newestUrgent}`)?.scrollIntoView({ block: "nearest" });
  }, [newestUrgent]);

  return (
    <>
      <title>Inbox · Iris Intake</title>
      <div className="page-title-row">
        <h1>Inbox</h1>
        <p className="muted">Updates live: new handoff notes appear without reloading.</p>
      </div>
      {can(user.role, "clinician.review") ? <UrgentAlertSettings /> : null}
      {readOnly ? (
        <p className="notice notice-info">
          Read only: as {ROLE_LABELS[user.role].toLowerCase()} you see every handoff note; the scheduler or clinician it is addressed to acknowledges it.
        </p>
      ) : null}
      {inbox.isPending ? <p role="status">Loading the inbox…</p> : null}
      {inbox.isError ? <ErrorNotice>{errorSentence(inbox.error)}</ErrorNotice> : null}
      {inbox.data ? (
        <>
          <section aria-labelledby="unread-heading" className="inbox-section">
            <h2 id="unread-heading">Unread ({inbox.data.unreadCount})</h2>
            {inbox.data.unread.length === 0 ? (
              <p className="panel muted">Nothing unread. New handoff notes appear here as they are sent.</p>
            ) : (
              <ul className="handoff-list">
                {inbox.data.unread.map((handoff) => (
                  <li key={handoff.id} id={`handoff-${handoff.id}`}>
                    <HandoffCard handoff={handoff} now={now} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="read-heading" className="panel">
            <h2 id="read-heading">Read</h2>
            <ReadTable rows={inbox.data.read} userId={user.id} reviews={can(user.role, "clinician.review")} />
          </section>
        </>
      ) : null}
    </>
  );
}

function ReadTable({ rows, userId, reviews }: { rows: InboxHandoff[]; userId: number; reviews: boolean }) {
  const columns: ColumnDef<InboxHandoff, unknown>[] = [
    {
      id: "lead",
      header: "Lead",
      cell: ({ row }) => (
        <>
          {row.original.urgent ? <span className="urgent-tag">Urgent</span> : null} {row.original.leadName ?? "Unnamed caller"}
        </>
      ),
    },
    { id: "status", header: "Status now", cell: ({ row }) => <StatusBadge status={row.original.leadStatus} /> },
    {
      id: "result",
      header: "Screening",
      cell: ({ row }) => {
        const result = SCREENING_RESULTS.find((r) => r === row.original.result);
        return result ? <ResultBadge result={result} /> : "—";
      },
    },
    {
      id: "from",
      header: "From → to",
      cell: ({ row }) => `${row.original.from ?? "—"} → ${targetText(row.original, userId)}`,
    },
    { id: "sent", header: "Sent", cell: ({ row }) => <span className="nowrap">{formatClinicRecent(row.original.createdAt)}</span> },
    {
      id: "read",
      header: "Acknowledged",
      cell: ({ row }) => (row.original.acknowledgedAt ? <span className="nowrap">{formatClinicRecent(row.original.acknowledgedAt)}</span> : "—"),
    },
    {
      id: "open",
      header: "Note",
      cell: ({ row }) => (
        <span className="table-links">
          <Link to={`/handoffs/${row.original.id}/print`}>Open note</Link>
          {reviews && row.original.leadStatus === "needs_review" ? <Link to={`/handoffs/${row.original.id}/review`}>Review</Link> : null}
        </span>
      ),
    },
  ];
  return <DataTable caption="Read handoff notes" captionHidden columns={columns} rows={rows} getRowId={(h) => String(h.id)} emptyText="No read notes yet." />;
}

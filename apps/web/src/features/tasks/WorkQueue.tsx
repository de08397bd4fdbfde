// The coordinator's work queue on the home screen: urgent, overdue, new leads, leads to hand off, half-done screens, due soon — live.
import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { TASK_KIND_LABELS, WORK_ITEM_KINDS, dueLabel, formatSpan, isOverdue, type WorkItemKind } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useNow } from "../../ui/useNow.ts";
import { CompleteTaskForm } from "./CompleteTaskForm.tsx";
import { LiveIndicator } from "../live/liveState.tsx";
import "./tasks.css";

type WorkItem = RouterOutputs["workQueue"]["get"]["items"][number];

const GROUPS: Record<WorkItemKind, { heading: string; empty?: string }> = {
  urgent: { heading: "Urgent" },
  overdue_callback: { heading: "Overdue" },
  unread_text: { heading: "Texts from callers, unread (oldest first)" },
  new_lead: { heading: "New leads, not yet contacted (oldest first)" },
  ready_to_hand_off: { heading: "Ready to hand off to scheduling (oldest first)" },
  screen_in_progress: { heading: "Screens left half done" },
  callback: { heading: "Due later today" },
};

/** Beyond this, a group shows its first items and a button for the rest: the oldest wait longest. */
const SHOWN_AT_FIRST = 6;

export function WorkQueue() {
  const trpc = useTRPC();
  // Re-read each minute as well: a task turns overdue by the clock alone, with no event to announce it.
  const queue = useQuery(trpc.workQueue.get.queryOptions(undefined, { refetchInterval: 60_000 }));
  const clientNow = useNow(15_000);
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  // Ages and due labels are read on the server's clock: the browser's may be a few minutes off.
  const skew = queue.data ? queue.data.generatedAt.getTime() - queue.dataUpdatedAt : 0;
  const now = new Date(clientNow.getTime() + skew);
  const items = queue.data?.items ?? [];

  function done(text: string) {
    setMessage(text);
    // The item (and its form) is about to leave the list; the keyboard continues from the confirmation.
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  return (
    <section className="panel work-queue" aria-labelledby="work-queue-heading">
      <div className="work-queue-head">
        <h2 id="work-queue-heading">Work queue</h2>
        {queue.data ? (
          <p className="work-queue-count">{items.length === 0 ? "Nothing waiting" : `${items.length} ${items.length === 1 ? "item" : "items"}`}</p>
        ) : null}
        <LiveIndicator />
      </div>
      <div ref={messageRef} role="status" tabIndex={-1} className={message ? "notice notice-success" : "status-empty"}>
        {message}
      </div>
      {/* Its height is fixed, whatever arrives: the call form and search below never move while it loads. */}
      <div className="work-queue-body" role="group" tabIndex={0} aria-labelledby="work-queue-heading">
        {queue.isPending ? (
          <p className="muted">Loading the work queue…</p>
        ) : queue.isError ? (
          <ErrorNotice>{errorSentence(queue.error)}</ErrorNotice>
        ) : items.length === 0 ? (
          <p className="muted">Nothing is waiting: no urgent leads, callbacks due, new leads, leads to hand off or half-done screens.</p>
        ) : (
          WORK_ITEM_KINDS.map((kind) => {
            const group = items.filter((item) => item.kind === kind);
            return group.length > 0 ? <WorkGroup key={kind} kind={kind} items={group} now={now} onDone={done} /> : null;
          })
        )}
      </div>
    </section>
  );
}

function WorkGroup({ kind, items, now, onDone }: { kind: WorkItemKind; items: WorkItem[]; now: Date; onDone: (message: string) => void }) {
  const [expanded, setExpanded] = useState(false);
  const headingId = `work-group-${kind}`;
  const shown = expanded ? items : items.slice(0, SHOWN_AT_FIRST);
  const hidden = items.length - shown.length;

  return (
    <section className={`work-group work-group-${kind}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {GROUPS[kind].heading} <span className="work-group-count">({items.length})</span>
      </h3>
      <ul className="work-list">
        {shown.map((item) => (
          <WorkRow key={`${item.kind}-${item.leadId}-${item.taskId ?? ""}`} item={item} now={now} onDone={onDone} />
        ))}
      </ul>
      {items.length > SHOWN_AT_FIRST ? (
        <button type="button" className="button button-secondary button-small work-more" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
          {expanded ? "Show fewer" : `Show all ${items.length} (${hidden} more)`}
        </button>
      ) : null}
    </section>
  );
}

/**
 * Where the work on an item continues: a half-done screen resumes on the screening form, a lead
 * ready to hand off opens its handoff note, the rest go to the lead.
 */
function destination(item: WorkItem): string {
  switch (item.kind) {
    case "screen_in_progress":
      return `/leads/${item.leadId}/screening`;
    case "ready_to_hand_off":
      return `/leads/${item.leadId}/handoff`;
    case "unread_text":
      return `/leads/${item.leadId}#conversation`;
    default:
      return `/leads/${item.leadId}`;
  }
}

/** What the link does, for a screen reader, when it skips the lead page. */
const LINK_PURPOSE: Partial<Record<WorkItemKind, string>> = {
  screen_in_progress: " (resume the screening)",
  ready_to_hand_off: " (write the handoff note)",
  unread_text: " (read and answer the text)",
};

const TAGS: Record<WorkItemKind, string> = {
  urgent: "Urgent",
  overdue_callback: "Overdue",
  unread_text: "Text",
  new_lead: "New lead",
  ready_to_hand_off: "Ready to hand off",
  screen_in_progress: "Half-done screen",
  callback: "Due soon",
};

function WorkRow({ item, now, onDone }: { item: WorkItem; now: Date; onDone: (message: string) => void }) {
  const [completing, setCompleting] = useState(false);
  const name = item.leadName ?? "Unnamed caller";
  const overdue = item.dueAt ? isOverdue(item.dueAt, now) : false;
  const taskLabel = item.taskKind ? TASK_KIND_LABELS[item.taskKind] : null;

  return (
    <li className={`work-item work-item-${item.kind}${overdue ? " work-item-late" : ""}`}>
      <div className="work-item-main">
        <span className={`work-tag work-tag-${item.kind}`}>{TAGS[item.kind]}</span>
        <Link to={destination(item)} className="work-lead">
          {name}
          {LINK_PURPOSE[item.kind] ? <span className="visually-hidden">{LINK_PURPOSE[item.kind]}</span> : null}
        </Link>
        <span className="work-detail">
          <WorkDetail item={item} now={now} taskLabel={taskLabel} overdue={overdue} />
        </span>
        {item.taskId !== undefined && item.taskKind && !completing ? (
          <button type="button" className="button button-secondary button-small work-done" onClick={() => setCompleting(true)}>
            Done
            <span className="visually-hidden">
              {" "}
              ({taskLabel?.toLowerCase()} for {name})
            </span>
          </button>
        ) : null}
      </div>
      {completing && item.taskId !== undefined && item.taskKind ? (
        <CompleteTaskForm
          taskId={item.taskId}
          kind={item.taskKind}
          leadName={name}
          onCancel={() => setCompleting(false)}
          onDone={(message) => {
            setCompleting(false);
            onDone(message);
          }}
        />
      ) : null}
    </li>
  );
}

function Since({ at, now }: { at: Date; now: Date }) {
  return (
    <time dateTime={at.toISOString()} title={`${formatClinicDateTime(at)} (Pacific)`}>
      {formatSpan(Math.max(0, now.getTime() - at.getTime()))}
    </time>
  );
}

function Due({ at, now, label, overdue }: { at: Date; now: Date; label: string | null; overdue: boolean }) {
  return (
    <span className={overdue ? "work-due work-due-late" : "work-due"}>
      {overdue ? (
        <span className="alert-mark" aria-hidden="true">
          !
        </span>
      ) : null}
      {label ? `${label}: ` : ""}
      <time dateTime={at.toISOString()} title={`${formatClinicDateTime(at)} (Pacific)`}>
        {dueLabel(at, now)}
      </time>
    </span>
  );
}

function WorkDetail({ item, now, taskLabel, overdue }: { item: WorkItem; now: Date; taskLabel: string | null; overdue: boolean }) {
  switch (item.kind) {
    case "urgent":
      return (
        <>
          Urgent alert raised <Since at={item.since} now={now} /> ago — follow the crisis steps
        </>
      );
    case "new_lead":
      return (
        <>
          {item.channel === "web" ? "Website inquiry · " : null}
          <span className="work-wait">
            Waiting <Since at={item.since} now={now} /> for a first contact
          </span>
          {item.dueAt ? (
            <>
              {" · "}
              <Due at={item.dueAt} now={now} label={taskLabel} overdue={overdue} />
            </>
          ) : null}
        </>
      );
    case "unread_text":
      return (
        <span className="work-wait">
          Texted <Since at={item.since} now={now} /> ago, not yet read
        </span>
      );
    case "ready_to_hand_off":
      return (
        <span className="work-wait">
          Eligible, waiting <Since at={item.since} now={now} /> for the handoff to scheduling
        </span>
      );
    case "screen_in_progress":
      return (
        <>
          Last saved <Since at={item.since} now={now} /> ago
        </>
      );
    case "overdue_callback":
    case "callback":
      return item.dueAt ? <Due at={item.dueAt} now={now} label={taskLabel} overdue={overdue} /> : <>{taskLabel}</>;
  }
}

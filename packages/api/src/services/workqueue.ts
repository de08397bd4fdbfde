// The coordinator's work queue: urgent leads, overdue tasks, new leads, leads ready to hand off, half-done screens, tasks due today.
import { and, asc, desc, eq, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { perConnection, schema } from "@intake/db";
import { SCREEN_LEFT_AFTER_MINUTES, buildWorkQueue, clinicDayEnd, type SessionUser } from "@intake/domain";
import type { IntakeEvent } from "../events.ts";

const { lead, task, screening, message } = schema;

/** Enough rows per source for a desk's day; the rest waits in the task and lead lists. */
const PER_SOURCE = 200;

const p = sql.placeholder;

/**
 * The queue's sources, prepared once per connection: every coordinator's home reads them again on
 * each live change to a lead or task. Times go into placeholders as epoch milliseconds.
 */
const sources = perConnection((db) => ({
  // The correlated subqueries below are written out with their table names: in a one-table select
  // the query builder leaves columns unqualified, and `lead_id = id` inside the subquery would
  // compare the inner row with itself instead of with the lead.
  urgent: db
    .select({
      leadId: lead.id,
      leadName: lead.name,
      since: sql<number>`coalesce((select max(alert.created_at) from handoff alert where alert.lead_id = lead.id and alert.urgent = 1), lead.updated_at)`,
    })
    .from(lead)
    // A literal, not a bound value: only then can SQLite see that the partial urgent index applies.
    .where(and(sql`${lead.urgent} = 1`, ne(lead.status, "closed")))
    .orderBy(asc(lead.updatedAt))
    .limit(PER_SOURCE)
    .prepare(),
  tasks: db
    .select({
      taskId: task.id,
      kind: task.kind,
      leadId: task.leadId,
      leadName: lead.name,
      dueAt: task.dueAt,
      createdAt: task.createdAt,
    })
    .from(task)
    .innerJoin(lead, eq(lead.id, task.leadId))
    .where(
      and(eq(task.status, "open"), or(isNull(task.ownerId), eq(task.ownerId, p("actorId"))), or(lte(task.dueAt, p("dueSoonByMs")), eq(lead.status, "new"))),
    )
    .orderBy(asc(task.dueAt), asc(task.id))
    .limit(PER_SOURCE)
    .prepare(),
  newLeads: db
    .select({ leadId: lead.id, leadName: lead.name, createdAt: lead.createdAt, channel: lead.channel })
    .from(lead)
    .where(eq(lead.status, "new"))
    .orderBy(asc(lead.createdAt), asc(lead.id))
    .limit(PER_SOURCE)
    .prepare(),
  // Waiting since the lead became eligible (its latest move there: a clinician's clear, or the
  // screen's eligible result), not since its last update: a call from an eligible caller touches the
  // lead and must not send them to the back. The status half of (status, updated_at) finds the
  // eligible leads; the move is one short range of lead_event (lead_id, at) per lead. A lead put in
  // eligible without an event (imported data) falls back to its last update.
  readyToHandOff: db
    .select({
      leadId: lead.id,
      leadName: lead.name,
      eligibleAt:
        sql<number>`coalesce((select max(moved.at) from lead_event moved where moved.lead_id = lead.id and moved.to_status = 'eligible'), lead.updated_at)`.as(
          "eligible_at",
        ),
    })
    .from(lead)
    .where(eq(lead.status, "eligible"))
    .orderBy(sql`eligible_at`, asc(lead.id))
    .limit(PER_SOURCE)
    .prepare(),
  screens: db
    .select({ screeningId: screening.id, leadId: screening.leadId, leadName: lead.name, updatedAt: screening.updatedAt })
    .from(screening)
    .innerJoin(lead, eq(lead.id, screening.leadId))
    .where(and(eq(screening.status, "in_progress"), eq(lead.status, "screening"), lte(screening.updatedAt, p("leftBeforeMs"))))
    .orderBy(asc(screening.updatedAt), desc(screening.id))
    .limit(PER_SOURCE)
    .prepare(),
  // Texts from callers nobody has read, oldest first.
  unreadTexts: db
    .select({ messageId: message.id, leadId: message.leadId, leadName: lead.name, receivedAt: message.createdAt })
    .from(message)
    .innerJoin(lead, eq(lead.id, message.leadId))
    .where(sql`${message.direction} = 'inbound' and ${message.readAt} is null`)
    .orderBy(asc(message.createdAt), asc(message.id))
    .limit(PER_SOURCE)
    .prepare(),
}));

/**
 * One list for the coordinator: the pure ordering lives in the domain (buildWorkQueue); this
 * reads its sources. Tasks are mine and the desk's; "due soon" is by the end of the clinic's day or two hours ahead, whichever is later.
 */
export function getWorkQueue(db: Db, actor: SessionUser, now: Date) {
  // The end of the clinic's day, but never less than two hours ahead: a callback owed for a call
  // missed at 11:50 PM (due 12:05 AM) must not vanish until midnight.
  const dueSoonBy = new Date(Math.max(clinicDayEnd(now).getTime(), now.getTime() + 2 * 60 * 60 * 1000));
  const leftBefore = new Date(now.getTime() - SCREEN_LEFT_AFTER_MINUTES * 60_000);
  const s = sources(db);
  const urgent = s.urgent.all().map((r) => ({ ...r, since: new Date(r.since) }));
  const tasks = s.tasks.all({ actorId: actor.id, dueSoonByMs: dueSoonBy.getTime() });
  const newLeads = s.newLeads.all();
  const readyToHandOff = s.readyToHandOff.all().map((r) => ({ ...r, eligibleAt: new Date(r.eligibleAt) }));
  const screens = s.screens.all({ leftBeforeMs: leftBefore.getTime() });
  const unreadTexts = s.unreadTexts.all();
  return { items: buildWorkQueue({ urgent, tasks, newLeads, readyToHandOff, screens, unreadTexts }, now, dueSoonBy), generatedAt: now };
}

/**
 * Whether an event can change this coordinator's work queue: leads appearing or moving, tasks of
 * theirs or the desk's, urgent alerts (raised or cleared), and a handoff to scheduling (the lead
 * leaves "ready to hand off"). Other people's tasks, a flagged lead handed to a clinician (it stays
 * in review) and the rest of the scheduling side do not.
 */
export function touchesWorkQueue(event: IntakeEvent, actor: SessionUser): boolean {
  switch (event.kind) {
    case "lead.created":
    case "lead.changed":
      return true;
    case "task.created":
    case "task.completed":
      return event.ownerId === null || event.ownerId === actor.id;
    case "handoff.created":
      return event.urgent || event.target === "scheduling";
    case "handoff.acknowledged":
      return event.urgent;
    case "handoff.escalated":
    case "message.received":
    case "message.read":
      return true;
    default:
      return false;
  }
}

// Tasks: callbacks and follow-ups a coordinator owes a lead, including the callback a missed call asks for.
import { and, asc, count, eq, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@intake/db";
import { perConnection, schema } from "@intake/db";
import {
  MAX_TASK_DAYS_AHEAD,
  callbackDueAt,
  isOverdue,
  type Page,
  type SessionUser,
  type TaskCompleteInput,
  type TaskCreateInput,
  type TaskKind,
  type TaskListInput,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { getLeadRow } from "./lead.ts";

const { task, lead, user } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;
type TaskRow = typeof task.$inferSelect;

function activeCoordinator(db: DbOrTx, id: number) {
  const row = db.select().from(user).where(eq(user.id, id)).get();
  if (!row || row.role !== "coordinator" || !row.active) {
    throw new AppError("BAD_REQUEST", "Choose a coordinator to own the task, or leave it to the desk.");
  }
  return row;
}

export function emitTask(events: EventSink, kind: "task.created" | "task.completed", row: TaskRow) {
  events.emit({ kind, taskId: row.id, leadId: row.leadId, ownerId: row.ownerId });
}

/** Plans a callback or follow-up. Left without an owner it is the desk's: every coordinator sees it. */
export function createTask(db: Db, input: TaskCreateInput, actor: SessionUser, now: Date, events: EventSink) {
  const created = db.transaction((tx) => {
    getLeadRow(db, input.leadId);
    if (input.ownerId !== undefined) activeCoordinator(tx, input.ownerId);
    if (input.dueAt.getTime() - now.getTime() > MAX_TASK_DAYS_AHEAD * 24 * 3600_000) {
      throw new AppError("BAD_REQUEST", `A task can be due at most ${MAX_TASK_DAYS_AHEAD} days ahead.`);
    }
    return tx
      .insert(task)
      .values({
        leadId: input.leadId,
        kind: input.kind,
        dueAt: input.dueAt,
        ownerId: input.ownerId ?? null,
        createdById: actor.id,
        createdAt: now,
      })
      .returning()
      .get();
  });
  emitTask(events, "task.created", created);
  return created;
}

/** Any coordinator may complete any open task: the desk covers for whoever is away; who did it is kept. */
export function completeTask(db: Db, input: TaskCompleteInput, actor: SessionUser, now: Date, events: EventSink) {
  const done = db.transaction((tx) => {
    const row = tx.select().from(task).where(eq(task.id, input.id)).get();
    if (!row) throw notFound("task");
    if (row.status === "done") throw new AppError("CONFLICT", "This task is already done.");
    return tx
      .update(task)
      .set({ status: "done", note: input.note?.trim() || null, completedAt: now, completedById: actor.id })
      .where(eq(task.id, row.id))
      .returning()
      .get();
  });
  emitTask(events, "task.completed", done);
  return done;
}

/**
 * The callback a missed or abandoned inbound call asks for: due 15 minutes after the call started,
 * the desk's, linked to the call. A lead that already has an open callback does not get a second
 * one (the earlier, sooner-due callback covers the caller); returns null then.
 */
/** `actor` is null when the phone system reported the call by itself. */
export function openCallbackForCall(db: Db, args: { leadId: number; callId: number; startedAt: Date; actor: SessionUser | null; now: Date }) {
  const { openCallback, insertCallback } = callbackStatements(db);
  if (openCallback.get({ leadId: args.leadId })) return null;
  return insertCallback.get({
    leadId: args.leadId,
    dueAt: callbackDueAt(args.startedAt),
    callId: args.callId,
    createdById: args.actor?.id ?? null,
    createdAt: args.now,
  })!;
}

// Part of logging a missed call (see call.ts), so prepared once.
const callbackStatements = perConnection((db) => ({
  openCallback: db
    .select({ id: task.id })
    .from(task)
    .where(and(eq(task.leadId, sql.placeholder("leadId")), eq(task.kind, "callback"), eq(task.status, "open")))
    .prepare(),
  insertCallback: db
    .insert(task)
    .values({
      leadId: sql.placeholder("leadId"),
      kind: "callback",
      dueAt: sql.placeholder("dueAt"),
      ownerId: null,
      callId: sql.placeholder("callId"),
      createdById: sql.placeholder("createdById"),
      createdAt: sql.placeholder("createdAt"),
    })
    .returning()
    .prepare(),
}));

const owner = alias(user, "owner");

export interface TaskListItem {
  id: number;
  leadId: number;
  leadName: string | null;
  kind: TaskKind;
  dueAt: Date;
  overdue: boolean;
  ownerId: number | null;
  ownerName: string | null;
  callId: number | null;
  createdAt: Date;
}

/** Open tasks, soonest due first, paged in SQL. `mine` is the tasks I own; without it, everyone's and the desk's. */
export function listTasks(db: Db, input: TaskListInput, actor: SessionUser, now: Date): Page<TaskListItem> {
  const where: SQL[] = [eq(task.status, "open")];
  if (input.mine) where.push(eq(task.ownerId, actor.id));
  if (input.overdue) where.push(lt(task.dueAt, now));
  if (input.leadId) where.push(eq(task.leadId, input.leadId));
  const condition = and(...where);
  const rows = db
    .select({
      id: task.id,
      leadId: task.leadId,
      leadName: lead.name,
      kind: task.kind,
      dueAt: task.dueAt,
      ownerId: task.ownerId,
      ownerName: owner.name,
      callId: task.callId,
      createdAt: task.createdAt,
    })
    .from(task)
    .innerJoin(lead, eq(lead.id, task.leadId))
    .leftJoin(owner, eq(owner.id, task.ownerId))
    .where(condition)
    .orderBy(asc(task.dueAt), asc(task.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  const total = db.select({ n: count() }).from(task).where(condition).get()?.n ?? 0;
  return { items: rows.map((r) => ({ ...r, overdue: isOverdue(r.dueAt, now) })), total };
}

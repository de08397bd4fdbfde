// Logging a call: attach it to the caller's lead, or start a lead, and count it as contact.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@intake/db";
import { numberIndex, perConnection, schema } from "@intake/db";
import {
  LISTED_LINE_E164,
  callTouch,
  isContactAttempt,
  startsLead,
  type CallDirection,
  type CallListInput,
  type CallOutcome,
  type CallLogInput,
  type LineCreateInput,
  type LineUpdateInput,
  type SessionUser,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { createLeadId, getLeadRef, getLeadRow, lastTouchSet, leadRefColumns, moveLeadRef, toLeadRef, touchParams, type LeadRef } from "./lead.ts";
import { emitTask, openCallbackForCall } from "./task.ts";
import { callView, leadView } from "./views.ts";

const { call, lead, line, user } = schema;

type Lead = typeof lead.$inferSelect;

// A logged call is the desk's most frequent write: its statements are prepared once. Called inside
// a transaction (or a write batch) they are part of it (a Db is one SQLite connection).
const p = sql.placeholder;
const statements = perConnection((db) => ({
  lineById: db
    .select()
    .from(line)
    .where(eq(line.id, p("id")))
    .prepare(),
  lineByNumber: db
    .select()
    .from(line)
    .where(eq(line.number, p("number")))
    .prepare(),
  // A lead merged into another is closed: the number's newest open lead first (a merge leaves both
  // with the number). Its ref only, nothing decrypted.
  refByPhoneIndex: db
    .select(leadRefColumns)
    .from(lead)
    .where(eq(lead.phoneIndex, p("phoneIndex")))
    .orderBy(sql`${lead.mergedIntoId} is not null`, desc(lead.createdAt))
    .limit(1)
    .prepare(),
  // The call's one write to its lead, read back whole: updated_at, and the call as the lead's last
  // touch unless it has heard of a later one. Only columns no index holds besides updated_at: SQLite
  // rewrites an index when the statement assigns one of its columns, so a touch that also assigned
  // the name would rewrite both name indexes on every call.
  touchLead: db
    .update(lead)
    .set({ updatedAt: sql`${p("nowMs")}`, ...lastTouchSet })
    .where(eq(lead.id, p("id")))
    .returning()
    .prepare(),
  // A caller's name fills a lead that had none; one that has a name keeps it.
  touchAndNameLead: db
    .update(lead)
    .set({ updatedAt: sql`${p("nowMs")}`, ...lastTouchSet, name: sql`coalesce(${lead.name}, ${p("callerName")})` })
    .where(eq(lead.id, p("id")))
    .returning()
    .prepare(),
  insert: db
    .insert(call)
    .values({
      direction: p("direction"),
      lineId: p("lineId"),
      otherNumber: p("otherNumber"),
      otherNumberIndex: p("otherNumberIndex"),
      startedAt: p("startedAt"),
      durationSeconds: p("durationSeconds"),
      outcome: p("outcome"),
      notes: p("notes"),
      handledById: p("handledById"),
      leadId: p("leadId"),
      createdAt: p("createdAt"),
    })
    // The rest of the row is what was just written: nothing to decrypt back.
    .returning({ id: call.id, state: call.state, answeredAt: call.answeredAt, endedAt: call.endedAt, needsCompletion: call.needsCompletion })
    .prepare(),
}));

/**
 * The newest lead with this number that was not merged into another (else the survivor of one that
 * was), found through its blind index, as its ref.
 */
export function leadRefByNumber(db: Db, e164: string): LeadRef | undefined {
  return leadRefByNumberIndex(db, numberIndex(db, e164));
}

/** The same by the number's blind index, when the caller has computed it already. */
function leadRefByNumberIndex(db: Db, index: string): LeadRef | undefined {
  const found = statements(db).refByPhoneIndex.get({ phoneIndex: index });
  if (!found) return undefined;
  // Only merged leads have it: the person is their survivor now (a merge leaves no chain to follow).
  return found.mergedIntoId != null ? getLeadRef(db, found.mergedIntoId) : toLeadRef(found);
}

/** The same lead, read whole. */
export function leadByNumber(db: Db, e164: string): Lead | undefined {
  const ref = leadRefByNumber(db, e164);
  return ref && getLeadRow(db, ref.id);
}

/**
 * What a call means for its lead, whether typed (call.log) or completed from the phone system
 * (call.complete): a call from a number we do not know may start a lead, contact moves a new lead
 * to contacting, and a caller's name fills a lead that had none. Call it inside a transaction.
 * The lead is read whole once, as the last write returns it.
 */
export function settleCallLead(
  db: Db,
  args: {
    found: LeadRef | undefined;
    phone: string;
    callerName: string | undefined;
    direction: CallDirection;
    outcome: CallOutcome;
    line: { id: number; source: string | null };
    actor: SessionUser;
    now: Date;
    /** When the call began, when known (a touch's time); else now. */
    startedAt?: Date;
  },
): { lead: Lead | null; created: boolean } {
  const callerName = args.callerName?.trim() || null;
  let ref = args.found;
  let created = false;
  if (!ref && startsLead(args.direction, args.outcome)) {
    const id = createLeadId(db, { name: callerName, phone: args.phone, source: args.line.source, lineId: args.line.id, actor: args.actor, now: args.now });
    ref = { id, status: "new", named: callerName !== null, mergedIntoId: null };
    created = true;
  }
  if (!ref) return { lead: null, created: false };
  if (ref.status === "new" && isContactAttempt(args.direction, args.outcome)) {
    moveLeadRef(db, ref, { to: "contacting", actor: args.actor, now: args.now, system: true });
  }
  // A call to a line is a touch from the line's source (a lead the call started has it as its first already).
  const touch = !created && args.direction === "inbound" ? callTouch(args.line.source, args.startedAt ?? args.now) : null;
  const s = statements(db);
  const updated = (callerName && !ref.named ? s.touchAndNameLead : s.touchLead).get({
    id: ref.id,
    nowMs: args.now.getTime(),
    callerName,
    ...touchParams(touch),
  })!;
  return { lead: updated, created };
}

/** The writes of one logged call; runs inside a transaction or a group commit (threads/ops.ts). */
export function recordCall(db: Db, input: CallLogInput, actor: SessionUser, now: Date) {
  const s = statements(db);
  const theLine = input.lineId ? s.lineById.get({ id: input.lineId }) : s.lineByNumber.get({ number: LISTED_LINE_E164 });
  if (!theLine) throw notFound("line");

  // One blind index serves both the lead lookup and the call row.
  const otherNumberIndex = numberIndex(db, input.otherNumber);
  const found = input.leadId ? getLeadRef(db, input.leadId) : leadRefByNumberIndex(db, otherNumberIndex);
  const statusBefore = found?.status;
  const { lead: theLead, created } = settleCallLead(db, {
    found,
    phone: input.otherNumber,
    callerName: input.callerName,
    direction: input.direction,
    outcome: input.outcome,
    line: theLine,
    actor,
    now,
    startedAt: input.startedAt,
  });
  const written = {
    direction: input.direction,
    lineId: theLine.id,
    otherNumber: input.otherNumber,
    startedAt: input.startedAt,
    durationSeconds: input.durationSeconds,
    outcome: input.outcome,
    notes: input.notes?.trim() || null,
    handledById: actor.id,
    leadId: theLead?.id ?? null,
    createdAt: now,
  };
  const row = { ...written, ...s.insert.get({ ...written, otherNumberIndex })! };
  // A caller we could not answer is owed a callback (docs/domain.md, "Call").
  const callback =
    theLead && input.direction === "inbound" && (input.outcome === "missed" || input.outcome === "abandoned")
      ? openCallbackForCall(db, { leadId: theLead.id, callId: row.id, startedAt: input.startedAt, actor, now })
      : null;
  return { call: row, lead: theLead, callback, created, moved: !!theLead && theLead.status !== statusBefore };
}

export type RecordedCall = ReturnType<typeof recordCall>;

/** Once a logged call is stored: tells the live views (ids only), and shapes call.log's answer. */
export function announceCall(events: EventSink, logged: RecordedCall) {
  if (logged.lead) {
    if (logged.created) events.emit({ kind: "lead.created", leadId: logged.lead.id });
    else if (logged.moved) events.emit({ kind: "lead.changed", leadId: logged.lead.id });
  }
  if (logged.callback) emitTask(events, "task.created", logged.callback);
  return {
    call: callView(logged.call),
    lead: logged.lead && leadView(logged.lead),
    /** Whether this call started its lead (the dashboard says "New lead"). */
    created: logged.created,
    callbackTaskId: logged.callback?.id ?? null,
  };
}

export function findCalls(db: Db, filter: CallListInput) {
  // A call still ringing or going on is not history yet (its outcome is provisional): call.live shows it.
  const where: SQL[] = [eq(call.state, "ended")];
  if (filter.from) where.push(gte(call.startedAt, filter.from));
  if (filter.to) where.push(lt(call.startedAt, filter.to));
  if (filter.outcome) where.push(eq(call.outcome, filter.outcome));
  if (filter.leadId) where.push(eq(call.leadId, filter.leadId));
  const condition = where.length ? and(...where) : undefined;
  const items = db
    .select({
      id: call.id,
      direction: call.direction,
      otherNumber: call.otherNumber,
      startedAt: call.startedAt,
      durationSeconds: call.durationSeconds,
      outcome: call.outcome,
      leadId: call.leadId,
      leadName: lead.name,
      lineLabel: line.label,
      handledBy: user.name,
    })
    .from(call)
    .innerJoin(line, eq(line.id, call.lineId))
    .leftJoin(lead, eq(lead.id, call.leadId))
    .leftJoin(user, eq(user.id, call.handledById))
    .where(condition)
    .orderBy(desc(call.startedAt), desc(call.id))
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage)
    .all();
  // Unfiltered: every call less the few not ended yet, both counted through an index (no index
  // has the state of every call: call_live_idx holds only the live ones).
  const total =
    where.length === 1
      ? (db.$client
          .prepare("select (select count(*) from call) - (select count(*) from call where (state <> 'ended' or needs_completion = 1) and state <> 'ended')")
          .pluck()
          .get() as number)
      : (db
          .select({ n: sql<number>`count(*)` })
          .from(call)
          .where(condition)
          .get()?.n ?? 0);
  return { items, total };
}

/** The clinic's lines; which configuration variable holds a line's webhook secret only for those who set lines up. */
export function listLines(
  db: Db,
  opts: { withSecretRefs: boolean },
): { id: number; number: string; label: string; source: string | null; smsEnabled: boolean; webhookSecretRef?: string | null }[] {
  const rows = db
    .select({ id: line.id, number: line.number, label: line.label, source: line.source, smsEnabled: line.smsEnabled, webhookSecretRef: line.webhookSecretRef })
    .from(line)
    .orderBy(line.id)
    .all();
  return opts.withSecretRefs ? rows : rows.map(({ webhookSecretRef: _ref, ...rest }) => rest);
}

/** Turns texting on or off for a line. */
export function updateLine(db: Db, input: LineUpdateInput) {
  const row = db.update(line).set({ smsEnabled: input.smsEnabled }).where(eq(line.id, input.id)).returning().get();
  if (!row) throw notFound("line");
  return row;
}

export function createLine(db: Db, input: LineCreateInput) {
  const exists = db.select({ id: line.id }).from(line).where(eq(line.number, input.number)).get();
  if (exists) throw new AppError("CONFLICT", "That number is already a clinic line.");
  return db
    .insert(line)
    .values({
      number: input.number,
      label: input.label,
      source: input.source || null,
      webhookSecretRef: input.webhookSecretRef ?? null,
      smsEnabled: input.smsEnabled ?? false,
    })
    .returning()
    .get();
}

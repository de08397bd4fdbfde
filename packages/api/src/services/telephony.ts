// Calls the phone system reports: one record per provider call id, moved only forward, then completed by a coordinator.
import { and, count, desc, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { numberIndex, schema } from "@intake/db";
import { endedOutcome, liveState, statusRank, type CallCompleteInput, type ProviderCallEvent, type SessionUser } from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { getLeadRef, getLeadRow } from "./lead.ts";
import { leadByNumber, leadRefByNumber, settleCallLead } from "./call.ts";
import { emitTask, openCallbackForCall } from "./task.ts";
import { callView, leadView } from "./views.ts";

const { call, lead, line } = schema;

const TERMINAL = 3;

/** The configuration name of the secret that signs this line's callbacks, when it has its own. */
export function lineSecretRef(db: Db, e164: string): string | null {
  return db.select({ ref: line.webhookSecretRef }).from(line).where(eq(line.number, e164)).get()?.ref ?? null;
}

export function isKnownLine(db: Db, e164: string): boolean {
  return !!db.select({ id: line.id }).from(line).where(eq(line.number, e164)).get();
}

/**
 * Applies one status report. Retries and late deliveries are harmless: a report never moves a call
 * back (ringing after completed is ignored), and a repeated one changes nothing.
 */
export function recordProviderCall(db: Db, event: ProviderCallEvent, now: Date, events: EventSink, onCallback?: (leadId: number) => void) {
  const outcome = db.transaction((tx) => {
    const theLine = tx.select().from(line).where(eq(line.number, event.lineNumber)).get();
    if (!theLine) throw new AppError("FORBIDDEN", "Not a call on a configured line.");
    const rank = statusRank(event.status);
    const existing = tx
      .select()
      .from(call)
      .where(and(eq(call.provider, event.provider), eq(call.providerCallId, event.providerCallId)))
      .get();
    if (existing && (existing.providerStatusRank > rank || (existing.providerStatusRank === rank && rank !== 2))) {
      return { row: existing, changed: false, callback: null };
    }
    const state = liveState(event.status);
    const ended = rank === TERMINAL;
    const startedAt = existing?.startedAt ?? event.at;
    const answeredAt = existing?.answeredAt ?? (event.status === "in_progress" || event.status === "completed" ? event.at : null);
    const ringSeconds = ((answeredAt ?? event.at).getTime() - startedAt.getTime()) / 1000;
    const theLead = existing?.leadId ? getLeadRow(db, existing.leadId) : leadByNumber(db, event.otherNumber);
    const fields = {
      state,
      providerStatusRank: rank,
      answeredAt,
      endedAt: ended ? event.at : null,
      durationSeconds: ended ? (event.durationSeconds ?? 0) : 0,
      // Until it ends a live call counts as unanswered; the state column says it is still going.
      outcome: ended ? endedOutcome(event.status, ringSeconds) : ("missed" as const),
      leadId: theLead?.id ?? null,
    };
    const row = existing
      ? tx.update(call).set(fields).where(eq(call.id, existing.id)).returning().get()
      : tx
          .insert(call)
          .values({
            ...fields,
            direction: event.direction,
            lineId: theLine.id,
            otherNumber: event.otherNumber,
            otherNumberIndex: numberIndex(db, event.otherNumber),
            startedAt,
            provider: event.provider,
            providerCallId: event.providerCallId,
            needsCompletion: true,
            createdAt: now,
          })
          .returning()
          .get();
    const unanswered = ended && event.direction === "inbound" && (row.outcome === "missed" || row.outcome === "abandoned");
    const callback = unanswered && theLead ? openCallbackForCall(db, { leadId: theLead.id, callId: row.id, startedAt, actor: null, now }) : null;
    return { row, changed: true, callback };
  });
  if (outcome.changed) {
    events.emit({ kind: "call.live", callId: outcome.row.id, state: outcome.row.state, leadId: outcome.row.leadId });
  }
  if (outcome.callback) {
    emitTask(events, "task.created", outcome.callback);
    onCallback?.(outcome.callback.leadId);
  }
  return outcome.row;
}

/** How many calls the live strip lists at most; it says how many more there are. */
export const LIVE_CALLS_SHOWN = 50;
/**
 * A call still ringing after this long, or still going this long after it was answered, has lost
 * its final callback (the provider gave up, or the line was misconfigured): it is stale and leaves
 * the live list. Its record stays as it is, and a late final callback still ends it as usual.
 */
export const STALE_RINGING_MS = 10 * 60_000;
export const STALE_IN_PROGRESS_MS = 4 * 60 * 60_000;

/** Calls ringing or in progress now (stale ones left out), and ended ones the phone system logged that no one has completed. */
const liveNow = (now: Date) =>
  and(
    // Word for word the condition of call_live_idx (schema.ts), so SQLite reads that small index.
    sql`(state <> 'ended' or needs_completion = 1)`,
    or(
      and(eq(call.state, "ended"), eq(call.needsCompletion, true)),
      and(eq(call.state, "ringing"), gt(call.startedAt, new Date(now.getTime() - STALE_RINGING_MS))),
      and(eq(call.state, "in_progress"), gt(sql`coalesce(${call.answeredAt}, ${call.startedAt})`, now.getTime() - STALE_IN_PROGRESS_MS)),
    ),
  );

/** The newest live calls, and how many more there are beyond those listed. */
export function liveCalls(db: Db, now: Date) {
  const items = db
    .select({
      id: call.id,
      direction: call.direction,
      state: call.state,
      otherNumber: call.otherNumber,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      endedAt: call.endedAt,
      durationSeconds: call.durationSeconds,
      outcome: call.outcome,
      lineLabel: line.label,
      leadId: call.leadId,
      leadName: lead.name,
      leadStatus: lead.status,
    })
    .from(call)
    .innerJoin(line, eq(line.id, call.lineId))
    .leftJoin(lead, eq(lead.id, call.leadId))
    .where(liveNow(now))
    .orderBy(desc(call.startedAt), desc(call.id))
    .limit(LIVE_CALLS_SHOWN)
    .all();
  const total = items.length < LIVE_CALLS_SHOWN ? items.length : (db.select({ n: count() }).from(call).where(liveNow(now)).get()?.n ?? 0);
  return { items, more: Math.max(0, total - items.length) };
}

/**
 * A coordinator completes a call the phone system logged: notes, who called, and the lead — found
 * by number, chosen, or started here as `call.log` would.
 */
export function completeCall(db: Db, input: CallCompleteInput, actor: SessionUser, now: Date, events: EventSink) {
  const done = db.transaction((tx) => {
    const row = tx.select().from(call).where(eq(call.id, input.id)).get();
    if (!row) throw notFound("call");
    if (!row.needsCompletion) throw new AppError("CONFLICT", "This call has been completed already.");
    if (row.state !== "ended") throw new AppError("CONFLICT", "This call is still going; complete it once it has ended.");
    const theLine = tx.select().from(line).where(eq(line.id, row.lineId)).get();
    const found = input.leadId ? getLeadRef(db, input.leadId) : row.leadId ? getLeadRef(db, row.leadId) : leadRefByNumber(db, row.otherNumber);
    const { lead: theLead, created } = settleCallLead(db, {
      found,
      phone: row.otherNumber,
      callerName: input.callerName,
      direction: row.direction,
      outcome: row.outcome,
      line: { id: row.lineId, source: theLine?.source ?? null },
      actor,
      now,
    });
    const updated = tx
      .update(call)
      .set({ notes: input.notes?.trim() || null, handledById: actor.id, leadId: theLead?.id ?? null, needsCompletion: false })
      .where(eq(call.id, row.id))
      .returning()
      .get();
    const unanswered = row.direction === "inbound" && (row.outcome === "missed" || row.outcome === "abandoned");
    const callback = unanswered && theLead ? openCallbackForCall(db, { leadId: theLead.id, callId: row.id, startedAt: row.startedAt, actor, now }) : null;
    return { call: updated, lead: theLead, created, callback };
  });
  events.emit({ kind: "call.live", callId: done.call.id, state: "completed", leadId: done.lead?.id ?? null });
  if (done.created && done.lead) events.emit({ kind: "lead.created", leadId: done.lead.id });
  if (done.callback) emitTask(events, "task.created", done.callback);
  return { call: callView(done.call), lead: done.lead && leadView(done.lead) };
}

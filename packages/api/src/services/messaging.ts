// Text messages with callers (docs/domain.md, "Text messages"): the thread, sending under consent and
// the clinic's hours, texts and delivery reports from the provider, and the caller's reply keywords.
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db, OpenedDb } from "@intake/db";
import { schema } from "@intake/db";
import {
  consentProblem,
  deliveryRank,
  LISTED_LINE_E164,
  replyKeyword,
  scriptLanguageFor,
  textHoursProblem,
  textIn,
  type MessageStatus,
  type ProviderInboundText,
  type ProviderTextStatus,
  type SessionUser,
  type TextConsentSource,
  type TextConsentState,
  type TextTemplateId,
} from "@intake/domain";
import { appendAudit } from "../audit/log.ts";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { AppError } from "../errors.ts";
import type { EventSink, IntakeEvents } from "../events.ts";
import { mutate, type WriteExecutor } from "../threads/executor.ts";
import { handedToScheduling, notYours } from "./appointment/access.ts";
import { leadByNumber } from "./call.ts";
import { createLeadRow, getLeadRow } from "./lead.ts";

const { message, textConsentEvent, textReminder, lead, line, call, user } = schema;

type Connection = Db & OpenedDb;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type DbOrTx = Db | Tx;
type LeadRow = typeof lead.$inferSelect;
type MessageRow = typeof message.$inferSelect;

/** One text to send: numbers in E.164, and where the provider reports its delivery. */
export interface OutboundText {
  from: string;
  to: string;
  body: string;
}

/** The provider's sending side (apps/server/src/webhooks/twilio.ts); tests use a stand-in of the provider. */
export interface TextSender {
  readonly provider: string;
  /** Hands the text to the provider; resolves with its id and first state, or rejects with its refusal. */
  send(text: OutboundText): Promise<{ providerMessageId: string; status: Exclude<MessageStatus, "received"> }>;
}

/**
 * What every send needs: `db` to read (the server's read-only connection), `writes` for every change
 * (one writer job each, see threads/mutations.ts), the provider, and the clock.
 */
export interface TextingDeps {
  db: Db;
  writes: WriteExecutor;
  events: IntakeEvents;
  texts: TextSender | null | undefined;
  now: () => Date;
}

/**
 * An audit entry the server writes by itself (no person acting): a text received or sent on its own,
 * a consent change by reply. Appended inside the writer job that made the change: both or neither.
 */
export function appendServerAudit(db: Connection, action: string, recordType: string, id: number, now: Date) {
  appendAudit(db, db.keys.audit, { at: now.getTime(), actorId: null, actorRole: null, action, recordType, recordId: String(id), ip: null, outcome: "ok" });
}

/** Where a lead's source says it came by text. */
export const TEXT_SOURCE = "Text message";

/** Schedulers text and read only leads handed to scheduling; coordinators, managers and admins any lead. */
export function assertTextAccess(db: DbOrTx, leadId: number, actor: SessionUser): void {
  if (actor.role === "scheduler" && !handedToScheduling(db, leadId)) throw notYours(actor);
}

function consentHistory(db: DbOrTx, leadId: number) {
  return db
    .select({
      id: textConsentEvent.id,
      state: textConsentEvent.state,
      source: textConsentEvent.source,
      keyword: textConsentEvent.keyword,
      at: textConsentEvent.at,
      byName: user.name,
    })
    .from(textConsentEvent)
    .leftJoin(user, eq(user.id, textConsentEvent.actorId))
    .where(eq(textConsentEvent.leadId, leadId))
    .orderBy(desc(textConsentEvent.at), desc(textConsentEvent.id))
    .all();
}

/**
 * Records a change of a lead's text consent and its history entry; the same state again changes
 * nothing. Call it inside a transaction. Returns whether it changed.
 */
export function setTextConsent(
  db: DbOrTx,
  args: { leadId: number; state: TextConsentState; source: TextConsentSource; actorId: number | null; keyword: string | null; now: Date },
): boolean {
  const current = db.select({ state: lead.textConsent }).from(lead).where(eq(lead.id, args.leadId)).get();
  if (!current || current.state === args.state) return false;
  db.update(lead).set({ textConsent: args.state }).where(eq(lead.id, args.leadId)).run();
  db.insert(textConsentEvent)
    .values({ leadId: args.leadId, state: args.state, source: args.source, actorId: args.actorId, keyword: args.keyword, at: args.now })
    .run();
  return true;
}

/**
 * The screening's "May we send text messages?" answer: yes grants consent and no takes back one the
 * screening gave. It never lifts the caller's own STOP: only their START does (carriers require it).
 */
export function consentFromScreening(db: DbOrTx, leadId: number, textOk: unknown, actor: SessionUser, now: Date): boolean {
  if (typeof textOk !== "boolean") return false;
  const last = db
    .select({ source: textConsentEvent.source, state: textConsentEvent.state })
    .from(textConsentEvent)
    .where(eq(textConsentEvent.leadId, leadId))
    .orderBy(desc(textConsentEvent.at), desc(textConsentEvent.id))
    .get();
  if (last?.source === "reply" && last.state === "revoked") return false;
  if (!textOk && last?.state !== "granted") return false;
  return setTextConsent(db, { leadId, state: textOk ? "granted" : "revoked", source: "screening", actorId: actor.id, keyword: null, now });
}

/** The line a lead's texts go out from: its own line when that one texts, else the clinic's listed line. */
function sendingLine(db: DbOrTx, theLead: LeadRow) {
  const own = theLead.lineId ? db.select().from(line).where(eq(line.id, theLead.lineId)).get() : undefined;
  if (own?.smsEnabled) return own;
  const listed = db.select().from(line).where(eq(line.number, LISTED_LINE_E164)).get();
  if (listed?.smsEnabled) return listed;
  throw new AppError("PRECONDITION_FAILED", "No clinic line is set up for texting: an admin turns on texting (smsEnabled) for the listed line.");
}

function lastInboundAt(db: DbOrTx, leadId: number): Date | null {
  return (
    db
      .select({ at: message.createdAt })
      .from(message)
      .where(and(eq(message.leadId, leadId), eq(message.direction, "inbound")))
      .orderBy(desc(message.createdAt))
      .get()?.at ?? null
  );
}

/** Why this lead cannot be texted now, or null: consent first, then the clinic's hours, then a texting line. */
export function sendProblem(db: DbOrTx, theLead: LeadRow, now: Date): string | null {
  const refusal = consentProblem(theLead.textConsent) ?? textHoursProblem(now, lastInboundAt(db, theLead.id));
  if (refusal) return refusal;
  try {
    sendingLine(db, theLead);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.message : "Texting is not available.";
  }
}

export function messageView(row: MessageRow) {
  return {
    id: row.id,
    leadId: row.leadId,
    direction: row.direction,
    body: row.body,
    status: row.status,
    errorCode: row.errorCode,
    template: row.template,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A text stored as queued, to hand to the provider: `id` is the message's. */
export interface QueuedText {
  id: number;
  leadId: number;
  from: string;
  to: string;
  body: string;
}

/** What to queue: `provider` is the sender's name, null when texting is not configured on this server. */
export interface TextToQueue {
  leadId: number;
  body: string;
  template: TextTemplateId | null;
  provider: string | null;
  /** False only for the app's own immediate answers to a caller's keyword (always a reply). */
  checkConsent?: boolean;
}

/**
 * Stores one outbound text as queued (a writer job: the audit entry goes with it). Refused
 * (PRECONDITION_FAILED, saying why) without consent, outside the clinic's hours, with no texting line
 * or no provider, before anything is written.
 */
export function queueText(db: Db, args: TextToQueue, actorId: number | null, now: Date): QueuedText {
  const theLead = getLeadRow(db, args.leadId);
  if (args.checkConsent !== false) {
    const refusal = consentProblem(theLead.textConsent) ?? textHoursProblem(now, lastInboundAt(db, theLead.id));
    if (refusal) throw new AppError("PRECONDITION_FAILED", refusal);
  }
  const from = sendingLine(db, theLead);
  if (!args.provider) throw new AppError("PRECONDITION_FAILED", "Texting is not configured on this server (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).");
  const queued = db
    .insert(message)
    .values({
      leadId: theLead.id,
      lineId: from.id,
      direction: "outbound",
      body: args.body,
      provider: args.provider,
      status: "queued",
      template: args.template,
      sentById: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: message.id })
    .get();
  return { id: queued.id, leadId: theLead.id, from: from.number, to: theLead.phone, body: args.body };
}

/** What the provider answered to a send: its id and first state, or its refusal's code. */
export type SendResult = { ok: true; providerMessageId: string; status: Exclude<MessageStatus, "received"> } | { ok: false; errorCode: string };

/**
 * Records the provider's answer to a queued text (a writer job of its own, after the network call):
 * its id and state, or failed with the provider's code. A reminder waiting on this text is sent.
 */
export function recordSendResult(db: DbOrTx, input: { messageId: number; result: SendResult }, now: Date, events: EventSink) {
  const { result } = input;
  const stored: MessageRow = db
    .update(message)
    .set(
      result.ok
        ? { providerMessageId: result.providerMessageId, status: result.status, updatedAt: now }
        : // The provider's own error code (e.g. 21610: the number replied STOP), never its message.
          { status: "failed", errorCode: result.errorCode, updatedAt: now },
    )
    .where(eq(message.id, input.messageId))
    .returning()
    .get()!;
  db.update(textReminder)
    .set({ status: "sent" })
    .where(and(eq(textReminder.messageId, stored.id), eq(textReminder.status, "sending")))
    .run();
  events.emit({ kind: "message.sent", messageId: stored.id, leadId: stored.leadId });
  return messageView(stored);
}

/**
 * Hands a queued text to the provider on this thread (never inside a writer job: the writer is not
 * held during the network call), then records its answer with a second job. Only the provider's
 * refusal marks the text failed; a process that dies in between leaves it queued, never sent twice.
 */
export async function deliverText(deps: TextingDeps, queued: QueuedText) {
  if (!deps.texts) throw new AppError("PRECONDITION_FAILED", "Texting is not configured on this server (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).");
  const result: SendResult = await deps.texts.send({ from: queued.from, to: queued.to, body: queued.body }).then(
    (accepted) => ({ ok: true as const, ...accepted }),
    (error: unknown) => ({ ok: false as const, errorCode: providerErrorCode(error) }),
  );
  return mutate(deps.writes, deps.events, {
    name: "message.record",
    input: { messageId: queued.id, result },
    actor: null,
    now: deps.now().getTime(),
    audit: null,
  });
}

/**
 * A text the app sends by itself (an answer to HELP, a reminder's reply, a missed-call text-back):
 * queued with its audit entry (`message.autoSend`, the server as actor) in one job, then delivered.
 */
export async function autoSendText(deps: TextingDeps, args: Omit<TextToQueue, "provider">) {
  const queued = await mutate(deps.writes, deps.events, {
    name: "message.autoSend",
    input: { ...args, provider: deps.texts?.provider ?? null },
    actor: null,
    now: deps.now().getTime(),
    audit: null,
  });
  return deliverText(deps, queued);
}

/** Queues a text with the server's own audit entry: the writer side of autoSendText, and of reminders. */
export function queueServerText(db: Connection, args: TextToQueue, now: Date): QueuedText {
  const queued = queueText(db, args, null, now);
  appendServerAudit(db, SERVER_ACTIONS.textSent, "message", queued.id, now);
  return queued;
}

/** The provider's numeric error code (Twilio's REST errors carry one), else a word of ours. */
function providerErrorCode(error: unknown): string {
  const code = error && typeof error === "object" && "code" in error ? (error as { code: unknown }).code : undefined;
  return typeof code === "number" || (typeof code === "string" && /^\d{1,10}$/.test(code)) ? String(code) : "send_failed";
}

/** A template in the lead's language (or the one asked for), filled in. */
export function templateText(theLead: LeadRow, template: TextTemplateId, language?: "en" | "es", at?: Date): string {
  return textIn(language ?? scriptLanguageFor(theLead.language), template, at);
}

/**
 * The lead's texts and calls in one timeline, newest last, with the consent and its history and
 * whether a text may go out now. A coordinator reading it marks the caller's texts read first (markTextsRead, a writer job).
 */
export function messageThread(db: Db, leadId: number, actor: SessionUser, now: Date) {
  assertTextAccess(db, leadId, actor);
  const theLead = getLeadRow(db, leadId);
  const texts = db
    .select({ row: message, sentByName: user.name })
    .from(message)
    .leftJoin(user, eq(user.id, message.sentById))
    .where(eq(message.leadId, leadId))
    .orderBy(asc(message.createdAt), asc(message.id))
    .all();
  const calls = db
    .select({
      id: call.id,
      direction: call.direction,
      outcome: call.outcome,
      durationSeconds: call.durationSeconds,
      startedAt: call.startedAt,
      state: call.state,
    })
    .from(call)
    .where(eq(call.leadId, leadId))
    .orderBy(asc(call.startedAt))
    .all();
  const items = [
    ...texts.map(({ row, sentByName }) => ({ kind: "text" as const, at: row.createdAt, sentByName, ...messageView(row) })),
    ...calls.map((c) => ({ kind: "call" as const, at: c.startedAt, ...c })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  const history = consentHistory(db, leadId);
  return {
    lead: { id: theLead.id, name: theLead.name, language: theLead.language },
    consent: { state: theLead.textConsent, history },
    /** Null when a text may go out now; else why not, in words for the composer. */
    sendProblem: sendProblem(db, theLead, now),
    items,
  };
}

/** A coordinator opened the lead's conversation: the caller's texts are read (the work queue's unread group changes). */
export function markTextsRead(db: DbOrTx, leadId: number, now: Date, events: EventSink) {
  const read = db
    .update(message)
    .set({ readAt: now })
    .where(and(eq(message.leadId, leadId), eq(message.direction, "inbound"), isNull(message.readAt)))
    .returning({ id: message.id })
    .all();
  const last = read.at(-1);
  if (last) events.emit({ kind: "message.read", messageId: last.id, leadId });
  return { read: read.length };
}

/** What the provider's inbound webhook did with a text: stored (or already stored), and any answer owed. */
export interface InboundOutcome {
  messageId: number;
  leadId: number;
  duplicate: boolean;
  leadCreated: boolean;
  consentChanged: boolean;
  /** The app's own answer to a keyword (HELP), sent after the webhook has answered. */
  reply: TextTemplateId | null;
  /** C or R: maybe an answer to a consult reminder (services/reminders.ts decides). */
  answer: "confirm" | "reschedule" | null;
}

/**
 * Stores a caller's text (once per provider message id), starting a lead for an unknown number, and
 * applies its keyword: STOP and its kin revoke consent, START/YES grant it, HELP/INFO is answered.
 * Throws FORBIDDEN for a line that is not a clinic line that texts.
 */
export function recordInboundText(db: Db, event: ProviderInboundText, now: Date): InboundOutcome {
  return db.transaction((tx) => {
    const theLine = tx.select().from(line).where(eq(line.number, event.lineNumber)).get();
    if (!theLine?.smsEnabled) throw new AppError("FORBIDDEN", "Not a text to a clinic line that texts.");
    const existing = tx
      .select()
      .from(message)
      .where(and(eq(message.provider, event.provider), eq(message.providerMessageId, event.providerMessageId)))
      .get();
    if (existing)
      return { messageId: existing.id, leadId: existing.leadId, duplicate: true, leadCreated: false, consentChanged: false, reply: null, answer: null };
    let theLead = leadByNumber(db, event.otherNumber);
    const leadCreated = !theLead;
    // A text starts a lead by `text`, its first touch "Text message" (docs/domain.md, "Channel and attribution").
    theLead ??= createLeadRow(db, { name: null, phone: event.otherNumber, source: TEXT_SOURCE, lineId: theLine.id, actor: null, now, channel: "text" });
    const row = tx
      .insert(message)
      .values({
        leadId: theLead.id,
        lineId: theLine.id,
        direction: "inbound",
        body: event.body,
        provider: event.provider,
        providerMessageId: event.providerMessageId,
        status: "received",
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    tx.update(lead).set({ updatedAt: now }).where(eq(lead.id, theLead.id)).run();
    const keyword = replyKeyword(event.body);
    let consentChanged = false;
    if (keyword === "stop" || keyword === "start") {
      consentChanged = setTextConsent(tx, {
        leadId: theLead.id,
        state: keyword === "stop" ? "revoked" : "granted",
        source: "reply",
        actorId: null,
        keyword: event.body.trim().toUpperCase(),
        now,
      });
    }
    const answer = keyword === "confirm" || keyword === "reschedule" ? keyword : null;
    return { messageId: row.id, leadId: theLead.id, duplicate: false, leadCreated, consentChanged, reply: keyword === "help" ? "help" : null, answer };
  });
}

/**
 * A caller's text as the writer stores it: the message, its keyword's consent change, and their audit
 * entries (the server as actor) in one job; the desk hears of it once committed.
 */
export function receiveInboundText(db: Connection, event: ProviderInboundText, now: Date, events: EventSink): InboundOutcome {
  const outcome = recordInboundText(db, event, now);
  if (outcome.duplicate) return outcome;
  if (outcome.leadCreated) events.emit({ kind: "lead.created", leadId: outcome.leadId });
  events.emit({ kind: "message.received", messageId: outcome.messageId, leadId: outcome.leadId });
  appendServerAudit(db, SERVER_ACTIONS.textReceived, "message", outcome.messageId, now);
  if (outcome.consentChanged) appendServerAudit(db, SERVER_ACTIONS.textConsent, "lead", outcome.leadId, now);
  return outcome;
}

/** Stores a caller's text through the writer (the inbound webhook); throws FORBIDDEN for a line that does not text. */
export function receiveText(deps: Pick<TextingDeps, "writes" | "events" | "now">, event: ProviderInboundText): Promise<InboundOutcome> {
  return mutate(deps.writes, deps.events, { name: "message.receive", input: event, actor: null, now: deps.now().getTime(), audit: null });
}

/** A delivery report applied with its audit entry (`message.status`) in one job; a report that changes nothing writes nothing. */
export function applyTextStatus(db: Connection, report: ProviderTextStatus, now: Date, events: EventSink) {
  const row = recordTextStatus(db, report, now);
  if (!row) return null;
  appendServerAudit(db, SERVER_ACTIONS.textStatus, "message", row.id, now);
  events.emit({ kind: "message.status", messageId: row.id, leadId: row.leadId });
  return { id: row.id };
}

/** The status webhook's record, through the writer. */
export async function recordTextStatusReport(deps: Pick<TextingDeps, "writes" | "events" | "now">, report: ProviderTextStatus): Promise<void> {
  await mutate(deps.writes, deps.events, { name: "message.status", input: report, actor: null, now: deps.now().getTime(), audit: null });
}

/** Applies a delivery report to the text we sent; never moves one back (a late `sent` after `delivered`). */
export function recordTextStatus(db: DbOrTx, report: ProviderTextStatus, now: Date) {
  const row = db
    .select()
    .from(message)
    .where(and(eq(message.provider, report.provider), eq(message.providerMessageId, report.providerMessageId), eq(message.direction, "outbound")))
    .get();
  if (!row) return null;
  if (deliveryRank(report.status) < deliveryRank(row.status) || (row.status === report.status && row.errorCode === report.errorCode)) return null;
  return db.update(message).set({ status: report.status, errorCode: report.errorCode, updatedAt: now }).where(eq(message.id, row.id)).returning().get();
}

/** Whether a provider message id is one of our outbound texts (a status report for anything else is refused). */
export function isOurText(db: Db, provider: string, providerMessageId: string): boolean {
  return !!db
    .select({ id: message.id })
    .from(message)
    .where(and(eq(message.provider, provider), eq(message.providerMessageId, providerMessageId), eq(message.direction, "outbound")))
    .get();
}

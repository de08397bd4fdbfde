// Every change the API makes, by name, as the writer runs it: `(db, input, actor, now, events)`.
// The request thread resolves the session, validates the input and checks what needs no write, then
// hands the writer the name and plain data (ctx.mutate in trpc.ts). The writer runs the change and
// appends its audit entry in one savepoint of its group commit: both are stored or neither is.
import type { Db, OpenedDb } from "@intake/db";
import type { ProviderCallEvent, ProviderInboundText, ProviderTextStatus, SessionUser } from "@intake/domain";
import { AUDIT_POLICY } from "../audit/policy.ts";
import { appendAudit } from "../audit/log.ts";
import { AppError } from "../errors.ts";
import { collectEvents, type EventSink, type IntakeEvent } from "../events.ts";
import { announceCall, createLine, recordCall, updateLine } from "../services/call.ts";
import { bookAppointment, cancelAppointment, recordOutcome, rescheduleAppointment } from "../services/appointment/commands.ts";
import { updateChecklist, waiveChecklistItem } from "../services/checklist.ts";
import { recordSession, startCourse } from "../services/course.ts";
import { approveFaq, updateFaq } from "../services/faq.ts";
import { recordEhrSend } from "../services/fhir.ts";
import { acknowledgeHandoff, clinicianTransition, createHandoff, reviewLead } from "../services/handoff.ts";
import { transitionLead, updateLead } from "../services/lead.ts";
import { completeScreening, escalateScreening, saveScreening, startScreening } from "../services/screening.ts";
import { applySessionWrite, createSession, endSession, type SessionWrite } from "../services/session.ts";
import { completeTask, createTask } from "../services/task.ts";
import { forgetOldInquiryCounts, receiveInquiry, takeInquirySlot, type InquiryLimitKeys } from "../services/inquiry.ts";
import { mergeLeads } from "../services/merge.ts";
import { createReferrer, updateReferrer } from "../services/referrer.ts";
import { SERVER_ACTIONS, WEBSITE_ACTOR } from "../audit/policy.ts";
import type { InquiryInput } from "@intake/domain";
import { completeCall, recordProviderCall } from "../services/telephony.ts";
import {
  applyTextStatus,
  assertTextAccess,
  consentFromScreening,
  markTextsRead,
  queueServerText,
  queueText,
  receiveInboundText,
  recordSendResult,
  type TextToQueue,
} from "../services/messaging.ts";
import { answerReminder, claimReminder, planReminders } from "../services/reminders.ts";
import { clearFailures, releaseAttempt, type Reservation } from "../services/throttle.ts";

type Connection = Db & OpenedDb;
/** `actor` is null only for the changes no person makes (the phone system's callbacks, signing out). */
type Mutation<I, R> = (db: Connection, input: I, actor: SessionUser, now: Date, events: EventSink) => R;
const by =
  <I, R>(fn: Mutation<I, R>) =>
  (db: Connection, input: I, actor: SessionUser | null, now: Date, events: EventSink): R => {
    if (!actor) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    return fn(db, input, actor, now, events);
  };
/** The clinic's reminder times, from the request's settings (TEXT_REMINDER_HOURS). */
type Reminders = { reminderHours: readonly number[] };
type In<F extends (...args: never[]) => unknown, N extends number = 1> = Parameters<F>[N];

export const MUTATIONS = {
  "call.log": by((db, input: In<typeof recordCall>, actor, now, events) => announceCall(events, recordCall(db, input, actor, now))),
  "call.complete": by((db, input: In<typeof completeCall>, actor, now, events) => completeCall(db, input, actor, now, events)),
  "lead.update": by((db, input: In<typeof updateLead>, _actor, now) => updateLead(db, input, now)),
  "lead.transition": by((db, input: Omit<In<typeof transitionLead>, "actor" | "now">, actor, now, events) => {
    // A clinician moves only leads handed to them, and clears one through the review.
    if (actor.role === "clinician") return clinicianTransition(db, input, actor, now, events);
    const moved = transitionLead(db, { ...input, actor, now });
    // A lead closed or reopened by hand leaves or joins the work queue's groups.
    events.emit({ kind: "lead.changed", leadId: moved.id });
    return moved;
  }),
  "line.create": by((db, input: In<typeof createLine>) => createLine(db, input)),
  "line.update": by((db, input: In<typeof updateLine>) => updateLine(db, input)),
  "screening.start": by((db, input: { leadId: number }, actor, now) => startScreening(db, input.leadId, actor, now)),
  "screening.save": by((db, { ip, ...input }: In<typeof saveScreening> & { ip: string | null }, actor, now) => {
    const saved = saveScreening(db, input, now);
    // "May we send text messages?" is the caller's consent to texts (or its withdrawal): recorded on the lead, audited with it.
    const textOk = (saved.answers as { caller?: { textOk?: unknown } }).caller?.textOk;
    if (consentFromScreening(db, saved.leadId, textOk, actor, now)) {
      appendAudit(db, db.keys.audit, {
        at: now.getTime(),
        actorId: actor.id,
        actorRole: actor.role,
        action: SERVER_ACTIONS.textConsent,
        recordType: "lead",
        recordId: String(saved.leadId),
        ip,
        outcome: "ok",
      });
    }
    return saved;
  }),
  "screening.complete": by((db, input: { id: number }, actor, now, events) => completeScreening(db, input.id, actor, now, events)),
  "screening.escalate": by((db, input: { id: number }, actor, now, events) => escalateScreening(db, input.id, actor, now, events)),
  "handoff.create": by((db, input: In<typeof createHandoff>, actor, now, events) => createHandoff(db, input, actor, now, events)),
  "handoff.acknowledge": by((db, input: { id: number }, actor, now, events) => acknowledgeHandoff(db, input.id, actor, now, events)),
  "clinician.review": by((db, input: In<typeof reviewLead>, actor, now, events) => reviewLead(db, input, actor, now, events)),
  // A consult's text reminders (TEXT_REMINDER_HOURS) are planned, moved or cancelled in the same job as the booking.
  "appointment.book": by((db, { reminderHours, ...input }: In<typeof bookAppointment> & Reminders, actor, now, events) => {
    const booked = bookAppointment(db, input, actor, now, events);
    planReminders(db, booked, reminderHours, now);
    return booked;
  }),
  "appointment.reschedule": by((db, { reminderHours, ...input }: In<typeof rescheduleAppointment> & Reminders, actor, now, events) => {
    const moved = rescheduleAppointment(db, input, actor, now, events);
    planReminders(db, moved, reminderHours, now, true);
    return { ...moved, confirmedAt: null };
  }),
  "appointment.cancel": by((db, { reminderHours, ...input }: In<typeof cancelAppointment> & Reminders, actor, now, events) => {
    const cancelled = cancelAppointment(db, input, actor, now, events);
    planReminders(db, cancelled, reminderHours, now);
    return cancelled;
  }),
  "appointment.recordOutcome": by((db, input: In<typeof recordOutcome>, actor, now, events) => recordOutcome(db, input, actor, now, events)),
  "checklist.update": by((db, input: In<typeof updateChecklist>, actor, now) => updateChecklist(db, input, actor, now)),
  "checklist.waive": by((db, input: In<typeof waiveChecklistItem>, actor, now) => waiveChecklistItem(db, input, actor, now)),
  "course.start": by((db, input: In<typeof startCourse>, actor, now) => startCourse(db, input, actor, now)),
  "course.recordSession": by((db, input: { leadId: number }, actor, now) => recordSession(db, input.leadId, actor, now)),
  "task.create": by((db, input: In<typeof createTask>, actor, now, events) => createTask(db, input, actor, now, events)),
  "task.complete": by((db, input: In<typeof completeTask>, actor, now, events) => completeTask(db, input, actor, now, events)),
  "faq.update": by((db, input: In<typeof updateFaq>, actor, now) => updateFaq(db, input, actor, now)),
  "faq.approve": by((db, input: { id: In<typeof approveFaq> }, actor, now) => approveFaq(db, input.id, actor, now)),
  /** What the EHR answered to a send (the request thread posted the bundle): kept beside the lead. */
  "fhir.send": by((db, input: In<typeof recordEhrSend>, actor, now) => recordEhrSend(db, input, actor, now)),
  /** The password (and code) passed on the request thread: the attempt is given back and the session starts. */
  "auth.signIn": (
    db: Connection,
    input: { user: SessionUser; email: string; reservation: Reservation; ip: string | null },
    _actor: SessionUser | null,
    now: Date,
  ) => {
    releaseAttempt(db, input.reservation);
    clearFailures(db, input.email);
    return { ...input.user, session: createSession(db, input.user.id, now, input.ip) };
  },
  "auth.signOut": (db: Connection, input: { token: string }, _actor: SessionUser | null, _now: Date, events: EventSink) => {
    endSession(db, input.token);
    // The same person's other tabs hold live streams on this session: they close now, saying why.
    events.emit({ kind: "session.check" });
    return { ok: true as const };
  },
  "lead.merge": by((db, input: In<typeof mergeLeads>, actor, now, events) => {
    const result = mergeLeads(db, input, actor, now);
    // Both leads change groups in the work queue (the merged one leaves it).
    events.emit({ kind: "lead.changed", leadId: input.survivorId });
    events.emit({ kind: "lead.changed", leadId: input.mergedId });
    return result;
  }),
  "referrer.create": by((db, input: In<typeof createReferrer>, actor, now) => createReferrer(db, input, actor, now)),
  "referrer.update": by((db, input: In<typeof updateReferrer>, _actor, now) => updateReferrer(db, input, now)),
  /** The website form's limits (per address and per phone): counted by the writer, so two posts at once cannot both take the last slot. */
  "inquiry.slot": (db: Connection, input: { keys: InquiryLimitKeys; sweep: boolean }, _actor: SessionUser | null, now: Date) => {
    if (input.sweep) forgetOldInquiryCounts(db, now);
    return takeInquirySlot(db, input.keys, now);
  },
  /** An inquiry from the website, with its audit entry (actor: the website) in the same savepoint. */
  "inquiry.receive": (db: Connection, input: { inquiry: InquiryInput; ip: string | null }, _actor: SessionUser | null, now: Date, events: EventSink) => {
    const received = receiveInquiry(db, input.inquiry, now, events);
    appendAudit(db, db.keys.audit, {
      at: now.getTime(),
      actorId: null,
      actorRole: WEBSITE_ACTOR,
      action: SERVER_ACTIONS.inquiry,
      recordType: "lead",
      recordId: String(received.leadId),
      ip: input.ip,
      outcome: "ok",
    });
    return received;
  },
  /**
   * A status callback of the phone system (webhooks): no person acts, no procedure is audited. Names
   * the lead whose missed call opened a callback: the server then offers a text-back (own jobs).
   */
  "telephony.record": (db: Connection, input: ProviderCallEvent, _actor: SessionUser | null, now: Date, events: EventSink) => {
    let textBackLeadId: number | null = null;
    const row = recordProviderCall(db, input, now, events, (leadId) => void (textBackLeadId = leadId));
    return { callId: row.id, textBackLeadId: textBackLeadId as number | null };
  },
  // Texts (services/messaging.ts). A send is two jobs: the text queued with its audit entry, then,
  // after the provider was called on the request thread, its answer recorded (message.record).
  /** A person's text (message.send, message.sendTemplate: the procedure's audit entry goes with it). */
  "message.send": by((db, input: TextToQueue, actor, now) => {
    assertTextAccess(db, input.leadId, actor);
    return queueText(db, input, actor.id, now);
  }),
  /** A text the app sends by itself, with its `message.autoSend` entry (the server as actor). */
  "message.autoSend": (db: Connection, input: TextToQueue, _actor: SessionUser | null, now: Date) => queueServerText(db, input, now),
  /** The provider's answer to a queued text: no entry of its own (the send has one). */
  "message.record": (db: Connection, input: In<typeof recordSendResult>, _actor: SessionUser | null, now: Date, events: EventSink) =>
    recordSendResult(db, input, now, events),
  /** A coordinator opened a lead's conversation (with message.thread's audit entry). */
  "message.markRead": by((db, input: { leadId: number }, _actor, now, events) => markTextsRead(db, input.leadId, now, events)),
  /** A caller's text from the inbound webhook, with its `message.receive` (and consent) entries. */
  "message.receive": (db: Connection, input: ProviderInboundText, _actor: SessionUser | null, now: Date, events: EventSink) =>
    receiveInboundText(db, input, now, events),
  /** A delivery report from the status webhook, with its `message.status` entry. */
  "message.status": (db: Connection, input: ProviderTextStatus, _actor: SessionUser | null, now: Date, events: EventSink) =>
    applyTextStatus(db, input, now, events),
  /** A caller's C or R to a reminder: the confirmation (audited) or follow-up, and the reply queued with its entry. */
  "message.answerReminder": (db: Connection, input: In<typeof answerReminder>, _actor: SessionUser | null, now: Date, events: EventSink) =>
    answerReminder(db, input, now, events),
  /** The reminder loop's claim (pending → sending, once) with its text queued and audited. */
  "reminder.claim": (db: Connection, input: In<typeof claimReminder>, _actor: SessionUser | null, now: Date) => claimReminder(db, input, now),
};

export type MutationName = keyof typeof MUTATIONS;
export type MutationInput<K extends MutationName> = Parameters<(typeof MUTATIONS)[K]>[1];
export type MutationResult<K extends MutationName> = ReturnType<(typeof MUTATIONS)[K]>;

/** What the request thread sends: plain data only (it crosses to the writer thread by structured clone). */
export interface MutationJob {
  name: MutationName;
  input: unknown;
  actor: SessionUser | null;
  /** Milliseconds since the epoch: the request's clock. */
  now: number;
  /** The procedure's audit entry is appended beside the change; null: none (the phone system's callbacks). */
  audit: { path: string; ip: string | null } | null;
  /** The session's last-seen, written in the same job. */
  session?: SessionWrite | null;
}

/** An error as plain data: an AppError keeps its code, words and field. */
export type ErrorData = { app: true; code: AppError["code"]; message: string; field?: string | undefined } | { app: false; name: string; message: string };

export function errorData(error: unknown): ErrorData {
  if (error instanceof AppError) return { app: true, code: error.code, message: error.message, field: error.field };
  return { app: false, name: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) };
}

export function fromErrorData(error: ErrorData): Error {
  if (error.app) return new AppError(error.code, error.message, error.field);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

export type MutationOutcome = { ok: true; value: unknown; events: IntakeEvent[] } | { ok: false; error: ErrorData; events: [] };

/**
 * Runs one change with its audit entry, inside the group commit's savepoint for this job. A change
 * that throws is rolled back (its own savepoint) and its refusal or failure is recorded instead; if
 * the entry itself cannot be written, the job throws and the batch's savepoint undoes the change too.
 */
export function runMutation(db: Connection, job: MutationJob): MutationOutcome {
  if (job.session) applySessionWrite(db, job.session);
  const now = new Date(job.now);
  const sink = collectEvents();
  const entry = (outcome: "ok" | "denied" | "failed", output: unknown) => {
    const spec = job.audit && Object.hasOwn(AUDIT_POLICY, job.audit.path) ? AUDIT_POLICY[job.audit.path] : null;
    if (!job.audit || !spec) return;
    const actor = job.actor;
    appendAudit(db, db.keys.audit, {
      at: job.now,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: job.audit.path,
      recordType: spec.record,
      recordId: spec.id(job.input, output),
      ip: job.audit.ip,
      outcome,
    });
  };
  const change = MUTATIONS[job.name] as (db: Connection, input: unknown, actor: SessionUser | null, now: Date, events: EventSink) => unknown;
  let value: unknown;
  try {
    value = savepointFor(db)(() => change(db, job.input, job.actor, now, sink));
  } catch (error) {
    const data = errorData(error);
    entry(data.app && (data.code === "FORBIDDEN" || data.code === "UNAUTHORIZED") ? "denied" : "failed", undefined);
    return { ok: false, error: data, events: [] };
  }
  entry("ok", value);
  return { ok: true, value, events: sink.events };
}

const savepoints = new WeakMap<object, <T>(run: () => T) => T>();
/** Nested in the batch's transaction, better-sqlite3 runs this as a savepoint of its own. */
function savepointFor(db: Connection): <T>(run: () => T) => T {
  let savepoint = savepoints.get(db.$client);
  if (!savepoint) {
    const tx = db.$client.transaction((run: () => unknown) => run());
    savepoint = <T>(run: () => T) => tx(run) as T;
    savepoints.set(db.$client, savepoint);
  }
  return savepoint;
}

// Consult reminders by text (docs/domain.md, "Text messages"): stored rows a periodic pass sends once
// each, the caller's C (confirm) and R (another time) answers, and the missed-call text-back.
import { and, asc, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db, OpenedDb } from "@intake/db";
import { schema } from "@intake/db";
import { consentProblem, reminderDueAt, textHoursProblem } from "@intake/domain";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { AppError } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { mutate } from "../threads/executor.ts";
import { getLeadRow } from "./lead.ts";
import { emitTask } from "./task.ts";
import { appendServerAudit, autoSendText, deliverText, queueServerText, templateText, type QueuedText, type TextingDeps } from "./messaging.ts";

const { appointment, textReminder, task } = schema;

type AppointmentRow = typeof appointment.$inferSelect;
type Connection = Db & OpenedDb;

/** The lead's next booked consult from now, if any. */
export function nextConsultFor(db: Db, leadId: number, now: Date) {
  return db
    .select()
    .from(appointment)
    .where(and(eq(appointment.leadId, leadId), eq(appointment.kind, "consult"), eq(appointment.status, "booked"), gt(appointment.startsAt, now)))
    .orderBy(asc(appointment.startsAt))
    .get();
}

/**
 * Brings an appointment's reminders in line with it after a booking, a move or a cancellation: its
 * pending reminders are cancelled, and a booked consult gets one per `hours` still ahead. A moved
 * consult is no longer confirmed. Reminders already sent stay as they were. Runs in the booking's
 * writer job (threads/mutations.ts), so a booking never stands without its reminders.
 */
export function planReminders(db: Db, row: AppointmentRow, hours: readonly number[], now: Date, moved = false): void {
  db.transaction((tx) => {
    tx.update(textReminder)
      .set({ status: "cancelled", detail: row.status === "cancelled" ? "consult cancelled" : "consult moved" })
      .where(and(eq(textReminder.appointmentId, row.id), eq(textReminder.status, "pending")))
      .run();
    if (moved) tx.update(appointment).set({ confirmedAt: null }).where(eq(appointment.id, row.id)).run();
    if (row.kind !== "consult" || row.status !== "booked") return;
    for (const h of hours) {
      const dueAt = reminderDueAt(row.startsAt, h);
      if (!dueAt || dueAt <= now) continue;
      tx.insert(textReminder).values({ appointmentId: row.id, leadId: row.leadId, hoursBefore: h, dueAt, createdAt: now }).run();
    }
  });
}

/**
 * Claims one due reminder and queues its text, in one writer job: pending → sending by a conditional
 * update (two passes or two processes never both take it; the writer runs one job at a time), the
 * text stored as queued with its audit entry. Skipped with the reason when there is no consent, the
 * consult is gone or begun, or it cannot be sent. Null when nothing is to be sent.
 */
export function claimReminder(db: Connection, input: { id: number; provider: string | null }, now: Date): QueuedText | null {
  const claimed = db
    .update(textReminder)
    .set({ status: "sending", claimedAt: now })
    .where(and(eq(textReminder.id, input.id), eq(textReminder.status, "pending")))
    .returning()
    .get();
  if (!claimed) return null;
  const skip = (detail: string) => void db.update(textReminder).set({ status: "skipped", detail }).where(eq(textReminder.id, input.id)).run();
  const consult = db.select().from(appointment).where(eq(appointment.id, claimed.appointmentId)).get();
  if (!consult || consult.status !== "booked" || consult.startsAt <= now) {
    skip("consult no longer ahead");
    return null;
  }
  const theLead = getLeadRow(db, claimed.leadId);
  if (consentProblem(theLead.textConsent)) {
    skip(`no text consent (${theLead.textConsent})`);
    return null;
  }
  try {
    const queued = queueServerText(
      db,
      {
        leadId: theLead.id,
        body: templateText(theLead, "consult_reminder", undefined, consult.startsAt),
        template: "consult_reminder",
        provider: input.provider,
      },
      now,
    );
    db.update(textReminder).set({ messageId: queued.id }).where(eq(textReminder.id, input.id)).run();
    return queued;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    skip(error.message.slice(0, 200));
    return null;
  }
}

/**
 * One pass: every pending reminder now due is claimed and queued (claimReminder, one writer job
 * each), then handed to the provider on this thread and its answer recorded (a second job, which
 * marks the reminder sent). Outside the clinic's text hours nothing is claimed: due ones wait for
 * 8 am. A reminder claimed by a pass that died before sending stays `sending`: never twice.
 */
export async function sendDueReminders(deps: TextingDeps): Promise<number[]> {
  const now = deps.now();
  if (textHoursProblem(now, null)) return [];
  const due = deps.db
    .select({ id: textReminder.id })
    .from(textReminder)
    .where(and(eq(textReminder.status, "pending"), lte(textReminder.dueAt, now)))
    .orderBy(asc(textReminder.dueAt))
    .limit(100)
    .all();
  const sent: number[] = [];
  for (const { id } of due) {
    const queued = await mutate(deps.writes, deps.events, {
      name: "reminder.claim",
      input: { id, provider: deps.texts?.provider ?? null },
      actor: null,
      now: now.getTime(),
      audit: null,
    });
    if (!queued) continue;
    await deliverText(deps, queued);
    sent.push(id);
  }
  return sent;
}

/**
 * The consult a caller's C or R answers: the one behind the latest reminder we sent them, if it is
 * still booked and ahead. A C or R with no such reminder is an ordinary text for the desk.
 */
function remindedConsult(db: Db, leadId: number, now: Date) {
  const last = db
    .select({ appointmentId: textReminder.appointmentId })
    .from(textReminder)
    .where(and(eq(textReminder.leadId, leadId), eq(textReminder.status, "sent")))
    .orderBy(desc(textReminder.dueAt))
    .get();
  if (!last) return undefined;
  return db
    .select()
    .from(appointment)
    .where(and(eq(appointment.id, last.appointmentId), eq(appointment.status, "booked"), gt(appointment.startsAt, now)))
    .get();
}

/**
 * A caller's answer to a reminder, as one writer job: C confirms the consult (shown on the appointment
 * and the scheduling queue, audited), R opens a follow-up for the desk to find another time; either
 * way the reply text is queued with its audit entry. Null when the text answered no reminder (an
 * ordinary text for the desk); `reply` null when no reply can go out (no provider or texting line).
 */
export function answerReminder(
  db: Connection,
  input: { leadId: number; keyword: "confirm" | "reschedule"; provider: string | null },
  now: Date,
  events: EventSink,
): { reply: QueuedText | null } | null {
  const { leadId, keyword } = input;
  const consult = remindedConsult(db, leadId, now);
  if (!consult) return null;
  const theLead = getLeadRow(db, leadId);
  if (keyword === "confirm") {
    db.update(appointment).set({ confirmedAt: now, updatedAt: now }).where(eq(appointment.id, consult.id)).run();
    appendServerAudit(db, SERVER_ACTIONS.confirmByText, "appointment", consult.id, now);
    events.emit({ kind: "appointment.confirmed", appointmentId: consult.id, leadId, clinicianId: consult.clinicianId });
  } else {
    const open = db
      .select({ id: task.id })
      .from(task)
      .where(and(eq(task.leadId, leadId), eq(task.kind, "follow_up"), eq(task.status, "open"), isNull(task.ownerId)))
      .get();
    if (!open) {
      const created = db
        .insert(task)
        .values({ leadId, kind: "follow_up", dueAt: now, note: "Asked by text for another consult time", createdAt: now })
        .returning()
        .get();
      emitTask(events, "task.created", created);
    }
  }
  const template = keyword === "confirm" ? "confirmed" : "reschedule";
  try {
    const body = templateText(theLead, template, undefined, consult.startsAt);
    return { reply: queueServerText(db, { leadId, body, template, provider: input.provider, checkConsent: false }, now) };
  } catch (error) {
    if (error instanceof AppError) return { reply: null };
    throw error;
  }
}

/**
 * After a lead's inbound call ended missed or abandoned and its callback was opened: with consent
 * and within the clinic's text hours, a text offers a reply or a call back. Never for a call that
 * already had one.
 */
export async function textBackMissedCall(deps: TextingDeps, leadId: number): Promise<number | null> {
  const theLead = getLeadRow(deps.db, leadId);
  if (consentProblem(theLead.textConsent) || textHoursProblem(deps.now(), null) || !deps.texts) return null;
  try {
    const sent = await autoSendText(deps, { leadId, body: templateText(theLead, "missed_call"), template: "missed_call" });
    return sent.id;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

// Consult reminders by text (docs/domain.md, "Text messages"): stored rows a periodic pass sends once
// each, the caller's C (confirm) and R (another time) answers, and the missed-call text-back.
import { and, asc, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { consentProblem, reminderDueAt, textHoursProblem } from "@intake/domain";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { AppError } from "../errors.ts";
import { getLeadRow } from "./lead.ts";
import { emitTask } from "./task.ts";
import { sendText, serverAudit, templateText, type TextingDeps } from "./messaging.ts";

const { appointment, textReminder, task } = schema;

type AppointmentRow = typeof appointment.$inferSelect;

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
 * consult is no longer confirmed. Reminders already sent stay as they were.
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
 * One pass: every pending reminder now due is claimed (pending → sending, one conditional update, so
 * two passes or two processes never both take it) and then sent, or skipped with the reason (no
 * consent, the consult gone or begun). Outside the clinic's text hours nothing is claimed: due ones
 * wait for 8 am. A reminder claimed by a pass that died before sending stays `sending`: never twice.
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
    const claimed = deps.db
      .update(textReminder)
      .set({ status: "sending", claimedAt: now })
      .where(and(eq(textReminder.id, id), eq(textReminder.status, "pending")))
      .returning()
      .get();
    if (!claimed) continue;
    const skip = (detail: string) => deps.db.update(textReminder).set({ status: "skipped", detail }).where(eq(textReminder.id, id)).run();
    const consult = deps.db.select().from(appointment).where(eq(appointment.id, claimed.appointmentId)).get();
    if (!consult || consult.status !== "booked" || consult.startsAt <= now) {
      skip("consult no longer ahead");
      continue;
    }
    const theLead = getLeadRow(deps.db, claimed.leadId);
    if (consentProblem(theLead.textConsent)) {
      skip(`no text consent (${theLead.textConsent})`);
      continue;
    }
    try {
      const message = await sendText(deps, {
        leadId: theLead.id,
        body: templateText(theLead, "consult_reminder", undefined, consult.startsAt),
        template: "consult_reminder",
        actor: null,
      });
      deps.db.update(textReminder).set({ status: "sent", messageId: message.id }).where(eq(textReminder.id, id)).run();
      await serverAudit(deps, SERVER_ACTIONS.textSent, "message", message.id);
      sent.push(id);
    } catch (error) {
      skip(error instanceof AppError ? error.message.slice(0, 200) : "could not send");
    }
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
 * A caller's answer to a reminder: C confirms the consult (shown on the appointment and the
 * scheduling queue) and is thanked; R opens a follow-up for the desk to find another time and is told
 * so. Returns whether the text was such an answer.
 */
export async function answerReminder(deps: TextingDeps, leadId: number, keyword: "confirm" | "reschedule"): Promise<boolean> {
  const now = deps.now();
  const consult = remindedConsult(deps.db, leadId, now);
  if (!consult) return false;
  const theLead = getLeadRow(deps.db, leadId);
  if (keyword === "confirm") {
    deps.db.update(appointment).set({ confirmedAt: now, updatedAt: now }).where(eq(appointment.id, consult.id)).run();
    await serverAudit(deps, SERVER_ACTIONS.confirmByText, "appointment", consult.id);
    deps.events.emit({ kind: "appointment.confirmed", appointmentId: consult.id, leadId, clinicianId: consult.clinicianId });
  } else {
    const open = deps.db
      .select({ id: task.id })
      .from(task)
      .where(and(eq(task.leadId, leadId), eq(task.kind, "follow_up"), eq(task.status, "open"), isNull(task.ownerId)))
      .get();
    if (!open) {
      const created = deps.db
        .insert(task)
        .values({ leadId, kind: "follow_up", dueAt: now, note: "Asked by text for another consult time", createdAt: now })
        .returning()
        .get();
      emitTask(deps.events, "task.created", created);
    }
  }
  const template = keyword === "confirm" ? "confirmed" : "reschedule";
  const reply = await sendText(deps, { leadId, body: templateText(theLead, template, undefined, consult.startsAt), template, actor: null, checkConsent: false });
  await serverAudit(deps, SERVER_ACTIONS.textSent, "message", reply.id);
  return true;
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
    const sent = await sendText(deps, { leadId, body: templateText(theLead, "missed_call"), template: "missed_call", actor: null });
    await serverAudit(deps, SERVER_ACTIONS.textSent, "message", sent.id);
    return sent.id;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

// Screening a lead on the phone: start or resume, autosave, complete (the server decides the result).
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  SCREENING_FORM_VERSION,
  clinicDate,
  evaluateDraft,
  evaluateStored,
  missingFields,
  type Offered,
  type ScreeningDraft,
  type ScreeningEvaluation,
  type ScreeningSaveInput,
  type SessionUser,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { assertHandedToClinician, insertHandoff, screeningAssessment } from "./handoff.ts";
import { getLeadRow, moveLead } from "./lead.ts";
import { leadView } from "./views.ts";

const { screening, handoff, lead } = schema;

type ScreeningRow = typeof screening.$inferSelect;

function getScreening(db: Db, id: number): ScreeningRow {
  const row = db.select().from(screening).where(eq(screening.id, id)).get();
  if (!row) throw notFound("screening");
  return row;
}

function withRunning(row: ScreeningRow, now: Date) {
  return { ...row, running: evaluateDraft(row.answers as ScreeningDraft, clinicDate(now), row.offered) };
}

/** Starts a screen, or resumes the one left half done (a dropped call loses nothing). */
export function startScreening(db: Db, leadId: number, actor: SessionUser, now: Date) {
  return db.transaction((tx) => {
    const theLead = getLeadRow(db, leadId);
    const open = tx
      .select()
      .from(screening)
      .where(and(eq(screening.leadId, leadId), eq(screening.status, "in_progress")))
      .orderBy(desc(screening.createdAt))
      .get();
    if (open) return withRunning(open, now);
    // A lead already moved to screening by hand (or by an older screen that was never started) can be screened too.
    if (theLead.status !== "new" && theLead.status !== "contacting" && theLead.status !== "screening") {
      throw new AppError(
        "BAD_REQUEST",
        `A lead in ${theLead.status} cannot start a new screening; screen leads that are new, being contacted or in screening.`,
      );
    }
    if (theLead.status === "new") moveLead(db, { id: leadId, to: "contacting", actor, now, system: true });
    if (theLead.status !== "screening") moveLead(db, { id: leadId, to: "screening", actor, now, system: true });
    const created = tx
      .insert(screening)
      .values({
        leadId,
        formVersion: SCREENING_FORM_VERSION,
        answers: {},
        offered: { phq9Offered: false, gad7Offered: false },
        startedById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return withRunning(created, now);
  });
}

export function saveScreening(db: Db, input: ScreeningSaveInput, now: Date) {
  const row = getScreening(db, input.id);
  if (row.status !== "in_progress") throw new AppError("CONFLICT", "This screening is complete; its answers can no longer change.");
  const offered: Offered = input.offered ?? row.offered;
  const saved = db
    .update(screening)
    .set({ answers: input.answers as Record<string, unknown>, offered, updatedAt: now })
    .where(eq(screening.id, row.id))
    .returning()
    .get();
  return withRunning(saved, now);
}

/**
 * Completes a screen: the server evaluates the stored answers (a client cannot send a result) and
 * moves the lead on. An urgent result also marks the lead urgent and hands it to the clinical pool.
 */
export function completeScreening(db: Db, id: number, actor: SessionUser, now: Date, events: EventSink) {
  const row = getScreening(db, id);
  if (row.status !== "in_progress") throw new AppError("CONFLICT", "This screening is already complete.");
  const missing = missingFields(row.answers as ScreeningDraft, row.offered);
  if (missing.length) {
    throw new AppError("BAD_REQUEST", `The screening is not finished. Still to answer: ${missing.join(", ")}.`);
  }
  let evaluation: ScreeningEvaluation;
  try {
    evaluation = evaluateStored({ formVersion: row.formVersion, answers: row.answers }, clinicDate(now));
  } catch (error) {
    // The message names answer paths only, never values.
    throw new AppError("BAD_REQUEST", error instanceof Error ? error.message : "The screening answers are not valid.");
  }
  const outcome = db.transaction((tx) => {
    const done = tx
      .update(screening)
      .set({
        status: "complete",
        result: evaluation.result,
        flags: evaluation.flags,
        scores: evaluation.scores as unknown as Record<string, unknown>,
        notes: evaluation.notes,
        completedById: actor.id,
        completedAt: now,
        updatedAt: now,
      })
      .where(eq(screening.id, id))
      .returning()
      .get();
    const flagIds = evaluation.flags.map((f) => f.id).join(", ");
    let urgentHandoff: ReturnType<typeof insertHandoff> | null = null;
    let updatedHandoff: ReturnType<typeof insertHandoff> | null = null;
    switch (evaluation.result) {
      case "eligible":
        moveLead(db, { id: row.leadId, to: "eligible", actor, now, system: true });
        break;
      case "needs_review":
        moveLead(db, { id: row.leadId, to: "needs_review", actor, now, system: true, detail: flagIds });
        break;
      case "not_candidate":
        moveLead(db, { id: row.leadId, to: "closed", reason: "not_candidate", actor, now, system: true, detail: flagIds });
        break;
      case "urgent": {
        moveLead(db, { id: row.leadId, to: "needs_review", actor, now, system: true, detail: flagIds });
        tx.update(lead).set({ urgent: true, updatedAt: now }).where(eq(lead.id, row.leadId)).run();
        // Escalated while the call was going on: the clinical pool already has it; its inbox refreshes.
        const escalated = urgentHandoffFor(tx, id);
        if (escalated) {
          updatedHandoff = escalated;
          break;
        }
        urgentHandoff = insertHandoff(tx, {
          leadId: row.leadId,
          screeningId: id,
          target: "clinical_pool",
          clinicianId: null,
          urgent: true,
          situation:
            "URGENT: the screening raised a safety concern during the call. Crisis steps (988 Suicide & Crisis Lifeline) were shown to the coordinator.",
          background: "Screened by phone for TMS for chronic pain.",
          assessment: screeningAssessment(done, "clinical_pool"),
          recommendation: "A clinician should contact the caller now.",
          fromId: actor.id,
          now,
        });
        break;
      }
    }
    return { screening: done, lead: leadView(getLeadRow(db, row.leadId)), urgentHandoff, updatedHandoff };
  });
  if (outcome.updatedHandoff) {
    const h = outcome.updatedHandoff;
    events.emit({ kind: "handoff.updated", handoffId: h.id, leadId: h.leadId, target: h.target, clinicianId: h.clinicianId, urgent: true });
  }
  if (outcome.urgentHandoff) {
    events.emit({
      kind: "handoff.created",
      handoffId: outcome.urgentHandoff.id,
      leadId: row.leadId,
      target: "clinical_pool",
      clinicianId: null,
      urgent: true,
    });
  }
  // Every result moves the lead (to eligible, review or closed): the work queue re-reads.
  events.emit({ kind: "lead.changed", leadId: row.leadId });
  return { screening: outcome.screening, lead: outcome.lead, evaluation };
}

/**
 * Raises the alarm before the screen is finished: when the answers so far already make it urgent
 * (PHQ-9 item 9, or the coordinator's safety concern), the lead is marked urgent and handed to the
 * clinical pool at once. The screen goes on; completing it later does not hand it off twice.
 */
export function escalateScreening(db: Db, id: number, actor: SessionUser, now: Date, events: EventSink) {
  const row = getScreening(db, id);
  if (row.status !== "in_progress") throw new AppError("CONFLICT", "This screening is complete; its result has already gone to the right people.");
  const running = evaluateDraft(row.answers as ScreeningDraft, clinicDate(now), row.offered);
  if (running.result !== "urgent") {
    throw new AppError("BAD_REQUEST", "Only an urgent screen is escalated before it is finished: mark the safety concern or answer PHQ-9 item 9.");
  }
  const created = db.transaction((tx) => {
    const existing = urgentHandoffFor(tx, id);
    if (existing) return { handoff: existing, created: false };
    tx.update(lead).set({ urgent: true, updatedAt: now }).where(eq(lead.id, row.leadId)).run();
    const handoffRow = insertHandoff(tx, {
      leadId: row.leadId,
      screeningId: id,
      target: "clinical_pool",
      clinicianId: null,
      urgent: true,
      situation:
        "URGENT: a safety concern came up during the screening call, which is still going on. Crisis steps (988 Suicide & Crisis Lifeline) were shown to the coordinator.",
      background: "Screened by phone for TMS for chronic pain; screening not yet finished.",
      assessment: `Running result: urgent. Flags: ${running.flags.map((f) => f.label).join("; ")}.`,
      recommendation: "A clinician should contact the caller now.",
      fromId: actor.id,
      now,
    });
    return { handoff: handoffRow, created: true };
  });
  if (created.created) {
    events.emit({ kind: "handoff.created", handoffId: created.handoff.id, leadId: row.leadId, target: "clinical_pool", clinicianId: null, urgent: true });
  }
  return { handoffId: created.handoff.id, alreadyAlerted: !created.created };
}

function urgentHandoffFor(tx: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], screeningId: number) {
  return tx
    .select()
    .from(handoff)
    .where(and(eq(handoff.screeningId, screeningId), eq(handoff.urgent, true)))
    .get();
}

/**
 * The lead's latest screening with its answers, or null; clinicians only for leads handed to them,
 * checked before the lead is looked up so an unknown id answers the same.
 */
export function screeningByLead(db: Db, leadId: number, actor: SessionUser, now: Date) {
  if (actor.role === "clinician") assertHandedToClinician(db, leadId, actor);
  getLeadRow(db, leadId);
  const row = db.select().from(screening).where(eq(screening.leadId, leadId)).orderBy(desc(screening.createdAt), desc(screening.id)).get();
  return row ? withRunning(row, now) : null;
}

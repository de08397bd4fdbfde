// Handoffs: a structured SBAR note to scheduling or to a clinician, its inbox, and the clinician's review.
import { and, asc, desc, eq, isNull, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { ClinicianReviewInput, screeningAssessment, type LeadStatus, type HandoffCreateInput, type HandoffTarget, type SessionUser } from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import type { EventSink } from "../events.ts";
import { getLeadRow, moveLead, transitionLead } from "./lead.ts";
import { leadView } from "./views.ts";

const { handoff, screening, lead, user, clinicalNote } = schema;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type ScreeningRow = typeof screening.$inferSelect;

export { screeningAssessment };

export function latestCompletedScreening(db: Db | Tx, leadId: number): ScreeningRow | undefined {
  return db
    .select()
    .from(screening)
    .where(and(eq(screening.leadId, leadId), eq(screening.status, "complete")))
    .orderBy(desc(screening.completedAt), desc(screening.id))
    .get();
}

export function insertHandoff(
  tx: Db | Tx,
  args: {
    leadId: number;
    screeningId: number | null;
    target: HandoffTarget;
    clinicianId: number | null;
    urgent: boolean;
    situation: string;
    background: string;
    assessment: string;
    recommendation: string;
    fromId: number;
    now: Date;
  },
) {
  const { now, ...values } = args;
  return tx
    .insert(handoff)
    .values({ ...values, createdAt: now })
    .returning()
    .get();
}

export function createHandoff(db: Db, input: HandoffCreateInput, actor: SessionUser, now: Date, events: EventSink) {
  const created = db.transaction((tx) => {
    const theLead = getLeadRow(db, input.leadId);
    const screen = latestCompletedScreening(tx, theLead.id);
    let target: HandoffTarget;
    let clinicianId: number | null = null;
    if (input.to === "scheduling") {
      target = "scheduling";
      if (theLead.status !== "eligible") {
        throw new AppError("BAD_REQUEST", "Only an eligible lead (or one a clinician cleared) goes to scheduling.");
      }
      moveLead(db, { id: theLead.id, to: "handed_off", actor, now, system: true });
    } else {
      if (theLead.status !== "needs_review") {
        throw new AppError("BAD_REQUEST", "Only a lead whose screening raised a flag goes to a clinician; eligible leads go to scheduling.");
      }
      if (input.to === "clinical_pool") {
        target = "clinical_pool";
      } else {
        const clinician = tx.select().from(user).where(eq(user.id, input.to.clinicianId)).get();
        if (!clinician || clinician.role !== "clinician" || !clinician.active) {
          throw new AppError("BAD_REQUEST", "Choose a clinician who can receive handoffs.");
        }
        target = "clinician";
        clinicianId = clinician.id;
      }
    }
    // Left to the server, the assessment is written for its receiver: scheduling never gets the notes.
    const assessment = input.assessment?.trim() || (screen ? screeningAssessment(screen, target) : "No completed screening.");
    return insertHandoff(tx, {
      leadId: theLead.id,
      screeningId: screen?.id ?? null,
      target,
      clinicianId,
      urgent: theLead.urgent,
      situation: input.situation,
      background: input.background,
      assessment,
      recommendation: input.recommendation,
      fromId: actor.id,
      now,
    });
  });
  events.emit({
    kind: "handoff.created",
    handoffId: created.id,
    leadId: created.leadId,
    target: created.target,
    clinicianId: created.clinicianId,
    urgent: created.urgent,
  });
  return created;
}

/** Whether a clinician may read this lead's clinical record: it was handed to them or to the pool. */
function clinicianMayRead(db: Db | Tx, leadId: number, clinicianId: number): boolean {
  return !!db
    .select({ id: handoff.id })
    .from(handoff)
    .where(and(eq(handoff.leadId, leadId), handedTo(clinicianId)))
    .get();
}

/**
 * A clinician's one refusal for a lead not handed to them. Ask before looking the lead up, so a lead
 * that does not exist is refused in the same words and nothing tells the two apart.
 */
export function assertHandedToClinician(db: Db | Tx, leadId: number, actor: SessionUser): void {
  if (!clinicianMayRead(db, leadId, actor.id)) throw new AppError("FORBIDDEN", "This lead has not been handed to you or to the clinical pool.");
}

/** Handoffs a clinician receives: to the clinical pool, or to them by name. */
function handedTo(clinicianId: number): SQL | undefined {
  return or(eq(handoff.target, "clinical_pool"), and(eq(handoff.target, "clinician"), eq(handoff.clinicianId, clinicianId)));
}

/** Which handoffs a person receives: schedulers the scheduling queue, clinicians the pool and their own. */
function inboxScope(actor: SessionUser): SQL | undefined {
  switch (actor.role) {
    case "scheduler":
      return eq(handoff.target, "scheduling");
    case "clinician":
      return handedTo(actor.id);
    case "manager":
    case "admin":
      return undefined;
    default:
      throw new AppError("FORBIDDEN", "Your role does not receive handoffs.");
  }
}

export function receives(actor: SessionUser, h: { target: HandoffTarget; clinicianId: number | null }): boolean {
  if (actor.role === "scheduler") return h.target === "scheduling";
  if (actor.role === "clinician") return h.target === "clinical_pool" || (h.target === "clinician" && h.clinicianId === actor.id);
  return actor.role === "manager" || actor.role === "admin";
}

const fromUser = schema.user;
const addressee = alias(schema.user, "addressee");

const inboxColumns = () => ({
  id: handoff.id,
  leadId: handoff.leadId,
  leadName: lead.name,
  leadPhone: lead.phone,
  leadStatus: lead.status,
  target: handoff.target,
  clinicianId: handoff.clinicianId,
  urgent: handoff.urgent,
  situation: handoff.situation,
  background: handoff.background,
  assessment: handoff.assessment,
  recommendation: handoff.recommendation,
  from: fromUser.name,
  clinicianName: addressee.name,
  createdAt: handoff.createdAt,
  acknowledgedAt: handoff.acknowledgedAt,
  result: screening.result,
  flags: screening.flags,
});

function selectHandoffs(db: Db) {
  return db
    .select(inboxColumns())
    .from(handoff)
    .innerJoin(lead, eq(lead.id, handoff.leadId))
    .leftJoin(fromUser, eq(fromUser.id, handoff.fromId))
    .leftJoin(addressee, eq(addressee.id, handoff.clinicianId))
    .leftJoin(screening, eq(screening.id, handoff.screeningId));
}

/**
 * A handoff only for those who receive it: to a receiver, an id that does not exist is refused like
 * one addressed to someone else; managers and admins, who receive all, hear that it does not exist.
 */
function assertReceives<T extends { target: HandoffTarget; clinicianId: number | null }>(actor: SessionUser, row: T | undefined): T {
  if (row && receives(actor, row)) return row;
  if (!row && (actor.role === "manager" || actor.role === "admin")) throw notFound("handoff");
  throw new AppError("FORBIDDEN", "This handoff is not addressed to you.");
}

/** One handoff note (for reading in full or printing), to those who receive it and to managers. */
export function handoffById(db: Db, id: number, actor: SessionUser) {
  return assertReceives(actor, selectHandoffs(db).where(eq(handoff.id, id)).get());
}

/**
 * Unread first — urgent ones newest first (the latest alert is the one at the top), then the rest
 * oldest first — then the last 50 read; each with the screening result and flags.
 */
export function inbox(db: Db, actor: SessionUser) {
  const scope = inboxScope(actor);
  const unread = selectHandoffs(db)
    .where(and(scope, isNull(handoff.acknowledgedAt)))
    .orderBy(desc(handoff.urgent), sql`case when ${handoff.urgent} then -${handoff.createdAt} else ${handoff.createdAt} end`, asc(handoff.id))
    .all();
  const read = selectHandoffs(db)
    .where(and(scope, isNotNull(handoff.acknowledgedAt)))
    .orderBy(desc(handoff.acknowledgedAt), desc(handoff.id))
    .limit(50)
    .all();
  return { unread, read, unreadCount: unread.length };
}

export function acknowledgeHandoff(db: Db, id: number, actor: SessionUser, now: Date, events: EventSink) {
  const row = assertReceives(actor, db.select().from(handoff).where(eq(handoff.id, id)).get());
  if (actor.role !== "scheduler" && actor.role !== "clinician") throw new AppError("FORBIDDEN", "This handoff is not addressed to you.");
  if (row.acknowledgedAt) return row;
  const updated = db.update(handoff).set({ acknowledgedAt: now, acknowledgedById: actor.id }).where(eq(handoff.id, id)).returning().get();
  events.emit({ kind: "handoff.acknowledged", handoffId: id, leadId: row.leadId, target: row.target, clinicianId: row.clinicianId, urgent: row.urgent });
  return updated;
}

/**
 * A clinician's review of a flagged lead: clear it to eligible or close it as not a candidate, with
 * a note. The review also acknowledges the lead's open clinical handoffs and lifts the urgent mark.
 */
export function reviewLead(db: Db, input: ClinicianReviewInput, actor: SessionUser, now: Date, events: EventSink) {
  const { updated, acknowledged } = db.transaction((tx) => {
    assertHandedToClinician(tx, input.leadId, actor);
    const theLead = getLeadRow(db, input.leadId);
    const handedToMe = tx
      .select()
      .from(handoff)
      .where(and(eq(handoff.leadId, theLead.id), handedTo(actor.id)))
      .all();
    if (theLead.status !== "needs_review") {
      throw new AppError("BAD_REQUEST", `Only a lead that needs review can be reviewed; this one is ${theLead.status}.`);
    }
    if (input.decision === "clear") {
      moveLead(db, { id: theLead.id, to: "eligible", reason: input.note, actor, now });
    } else {
      moveLead(db, { id: theLead.id, to: "closed", reason: "not_candidate", detail: "clinician review", actor, now });
    }
    tx.insert(clinicalNote)
      .values({ leadId: theLead.id, authorId: actor.id, kind: "review", decision: input.decision, note: input.note, createdAt: now })
      .run();
    const open = handedToMe.filter((h) => !h.acknowledgedAt);
    for (const h of open) {
      tx.update(handoff).set({ acknowledgedAt: now, acknowledgedById: actor.id }).where(eq(handoff.id, h.id)).run();
    }
    const updated = tx.update(lead).set({ urgent: false, updatedAt: now }).where(eq(lead.id, theLead.id)).returning().get();
    return { updated, acknowledged: open };
  });
  for (const h of acknowledged) {
    events.emit({ kind: "handoff.acknowledged", handoffId: h.id, leadId: h.leadId, target: h.target, clinicianId: h.clinicianId, urgent: h.urgent });
  }
  // Cleared, the lead is ready to hand to scheduling; closed, it leaves review. Either way the
  // coordinators' queues re-read: the review's handoff events reach them only when urgent.
  events.emit({ kind: "lead.changed", leadId: updated.id });
  return leadView(updated);
}

/**
 * `lead.transition` by a clinician. They move only leads handed to them or to the clinical pool
 * (anything else, an unknown id included, gets the one refusal that says nothing about the lead),
 * and clearing a flag is the review: the reason becomes its note and the handoff is acknowledged.
 * Closing needs the review's note, so it is sent there rather than taking a closed-reason code.
 */
export function clinicianTransition(
  db: Db,
  input: { id: number; to: LeadStatus; reason?: string | undefined },
  actor: SessionUser,
  now: Date,
  events: EventSink,
) {
  assertHandedToClinician(db, input.id, actor);
  if (input.to === "closed") {
    throw new AppError("BAD_REQUEST", "A clinician closes a flagged lead through the review (clinician.review), with a note saying why.");
  }
  if (input.to !== "eligible") return transitionLead(db, { ...input, actor, now });
  const note = ClinicianReviewInput.shape.note.safeParse(input.reason ?? "");
  if (!note.success) throw new AppError("BAD_REQUEST", "Clearing a lead for scheduling needs a note saying why (3 to 4000 characters).");
  return reviewLead(db, { leadId: input.id, decision: "clear", note: note.data }, actor, now, events);
}

/** The clinicians a coordinator can address a handoff to. */
export function listClinicians(db: Db) {
  return db
    .select({ id: user.id, name: user.name })
    .from(user)
    .where(and(eq(user.role, "clinician"), eq(user.active, true)))
    .orderBy(sql`${user.name} collate nocase`)
    .all();
}

/** Clinical notes on a lead, for those who may read them. */
export function clinicalNotes(db: Db, leadId: number) {
  return db
    .select({ id: clinicalNote.id, decision: clinicalNote.decision, note: clinicalNote.note, createdAt: clinicalNote.createdAt, author: user.name })
    .from(clinicalNote)
    .innerJoin(user, eq(user.id, clinicalNote.authorId))
    .where(eq(clinicalNote.leadId, leadId))
    .orderBy(asc(clinicalNote.createdAt))
    .all();
}

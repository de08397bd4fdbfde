// The scheduling side's reads of leads: the queue of consults to book, and one lead as scheduling sees it.
import { alias } from "drizzle-orm/sqlite-core";
import { and, asc, count, desc, eq, gte, notExists, or, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import { clinicDate, clinicDayStart, type Page, type QueueNeed, type SchedulingQueueInput, type ScreeningResult, type SessionUser } from "@intake/domain";
import { notFound } from "../../errors.ts";
import { leadSearchCondition } from "../lead.ts";
import { assertSchedulingAccess } from "./access.ts";

const { appointment, handoff, lead, screening } = schema;

export interface SchedulingQueueItem {
  leadId: number;
  leadName: string | null;
  leadPhone: string;
  leadStatus: "handed_off" | "scheduled";
  needs: QueueNeed;
  /** The last consult's status when it has to be booked again: cancelled or no_show. */
  lastConsultStatus: "cancelled" | "no_show" | null;
  handoffId: number;
  handedOffAt: Date;
  acknowledgedAt: Date | null;
  result: ScreeningResult | null;
  flags: { id: string; label: string; result: string }[];
  payment: "insurance" | "self_pay" | "unknown" | null;
  voicemailOk: boolean | null;
  textOk: boolean | null;
}

const latestHandoff = alias(handoff, "latest_handoff");
const laterScreening = alias(screening, "later_screening");
const consult = alias(appointment, "consult");

const asBool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === 1 || v === true);

/** The three answers scheduling may read: how the patient pays, and whether a voicemail or a text is welcome. */
function schedulingAnswers(stored: unknown): Pick<SchedulingQueueItem, "payment" | "voicemailOk" | "textOk"> {
  const answers = (stored ?? {}) as { readiness?: { payment?: unknown }; caller?: { voicemailOk?: unknown; textOk?: unknown } };
  const paid = answers.readiness?.payment;
  return {
    payment: paid === "insurance" || paid === "self_pay" || paid === "unknown" ? paid : null,
    voicemailOk: asBool(answers.caller?.voicemailOk),
    textOk: asBool(answers.caller?.textOk),
  };
}

/**
 * Leads waiting for a consult to be booked, oldest handoff first: handed_off leads, and scheduled
 * leads whose consult was cancelled or missed. Each carries what docs/domain.md lets a scheduler read —
 * the screening's result and flags — and three answers picked out here (payment, voicemail,
 * text); the answers themselves are encrypted at rest and never leave this function.
 */
export function schedulingQueue(db: Db, input: SchedulingQueueInput, now: Date = new Date()): Page<SchedulingQueueItem> {
  const waiting = or(
    eq(lead.status, "handed_off"),
    and(
      eq(lead.status, "scheduled"),
      notExists(
        db
          .select({ one: sql`1` })
          .from(consult)
          .where(and(eq(consult.leadId, lead.id), eq(consult.kind, "consult"), eq(consult.status, "booked"))),
      ),
    ),
  );
  const q = input.search?.trim();
  const where = and(
    waiting,
    q ? leadSearchCondition(db, q) : undefined,
    input.handedOffToday ? gte(handoff.createdAt, clinicDayStart(clinicDate(now))) : undefined,
  );
  // The latest scheduling handoff of the lead, and its latest completed screening.
  const handoffJoin = eq(
    handoff.id,
    db
      .select({ id: sql<number>`max(${latestHandoff.id})` })
      .from(latestHandoff)
      .where(and(eq(latestHandoff.leadId, lead.id), eq(latestHandoff.target, "scheduling"))),
  );
  const screeningJoin = eq(
    screening.id,
    db
      .select({ id: laterScreening.id })
      .from(laterScreening)
      .where(and(eq(laterScreening.leadId, lead.id), eq(laterScreening.status, "complete")))
      .orderBy(desc(laterScreening.completedAt), desc(laterScreening.id))
      .limit(1),
  );
  const rows = db
    .select({
      leadId: lead.id,
      leadName: lead.name,
      leadPhone: lead.phone,
      leadStatus: lead.status,
      handoffId: handoff.id,
      handedOffAt: handoff.createdAt,
      acknowledgedAt: handoff.acknowledgedAt,
      result: screening.result,
      flags: screening.flags,
      answers: screening.answers,
      lastConsultStatus: sql<string | null>`${db
        .select({ status: consult.status })
        .from(consult)
        .where(and(eq(consult.leadId, lead.id), eq(consult.kind, "consult")))
        .orderBy(desc(consult.id))
        .limit(1)}`,
    })
    .from(lead)
    .innerJoin(handoff, handoffJoin)
    .leftJoin(screening, screeningJoin)
    .where(where)
    .orderBy(asc(handoff.createdAt), asc(handoff.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  const total = db.select({ n: count() }).from(lead).innerJoin(handoff, handoffJoin).where(where).get()?.n ?? 0;
  const items = rows.map((r): SchedulingQueueItem => {
    const rebooking = r.leadStatus === "scheduled";
    return {
      leadId: r.leadId,
      leadName: r.leadName,
      leadPhone: r.leadPhone,
      leadStatus: rebooking ? "scheduled" : "handed_off",
      needs: rebooking ? "rebooking" : "booking",
      lastConsultStatus: rebooking && (r.lastConsultStatus === "cancelled" || r.lastConsultStatus === "no_show") ? r.lastConsultStatus : null,
      handoffId: r.handoffId,
      handedOffAt: r.handedOffAt,
      acknowledgedAt: r.acknowledgedAt,
      result: (r.result as ScreeningResult | null) ?? null,
      flags: r.flags ?? [],
      ...schedulingAnswers(r.answers),
    };
  });
  return { items, total };
}

/**
 * One lead as the scheduling side may see it: contact details, status, the latest screening's result
 * and flags, payment and contact preferences, and the latest scheduling handoff — never the answers.
 */
export function schedulingLead(db: Db, leadId: number, actor: SessionUser) {
  assertSchedulingAccess(db, leadId, actor);
  const row = db.select().from(lead).where(eq(lead.id, leadId)).get();
  if (!row) throw notFound("lead");
  const screen = db
    .select({ result: screening.result, flags: screening.flags, answers: screening.answers })
    .from(screening)
    .where(and(eq(screening.leadId, leadId), eq(screening.status, "complete")))
    .orderBy(desc(screening.completedAt), desc(screening.id))
    .get();
  const note = db
    .select({
      id: handoff.id,
      createdAt: handoff.createdAt,
      acknowledgedAt: handoff.acknowledgedAt,
      situation: handoff.situation,
      background: handoff.background,
      assessment: handoff.assessment,
      recommendation: handoff.recommendation,
    })
    .from(handoff)
    .where(and(eq(handoff.leadId, leadId), eq(handoff.target, "scheduling")))
    .orderBy(desc(handoff.id))
    .get();
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    status: row.status,
    result: (screen?.result as ScreeningResult | null | undefined) ?? null,
    flags: screen?.flags ?? [],
    ...schedulingAnswers(screen?.answers),
    handoff: note ?? null,
    // Who referred the patient and what they authorised the clinic to tell them (the referral letters).
    referrerId: row.referrerId,
    mayUpdateReferrer: row.mayUpdateReferrer,
  };
}

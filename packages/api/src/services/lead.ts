// Leads: finding them (paged, sorted and filtered in SQL), reading one whole, editing and moving status.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "@intake/db";
import { emailIndex, inOneSnapshot, perConnection, phoneIndexes, schema } from "@intake/db";
import {
  allowedTransitions,
  callTouch,
  checkTransition,
  phoneSearchDigits,
  type ClosedReason,
  type LeadChannel,
  type LeadListInput,
  type LeadStatus,
  type LeadUpdateInput,
  type Page,
  type SessionUser,
  type Touch,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import { getReferrer } from "./referrer.ts";
import { escapeLike } from "./sqlText.ts";
import { leadView } from "./views.ts";

const { lead, leadEvent, leadStatusCount, leadTouch, call, user, line, handoff } = schema;
const addressee = alias(user, "addressee");
const p = sql.placeholder;

const listColumns = {
  id: lead.id,
  name: lead.name,
  phone: lead.phone,
  status: lead.status,
  source: lead.source,
  relation: lead.relation,
  urgent: lead.urgent,
  createdAt: lead.createdAt,
  updatedAt: lead.updatedAt,
};
export type LeadListItem = { [K in keyof typeof listColumns]: (typeof lead.$inferSelect)[K] };

/**
 * Phone numbers are encrypted, so a typed number is matched through blind indexes: the whole
 * number, exactly its last 7 digits, or exactly its last 4. Other fragments match nothing, since a
 * guess at which digits they are would find the wrong people.
 */
function phoneMatch(db: Db, digits: string): SQL {
  if (digits.length === 10) return eq(lead.phoneIndex, phoneIndexes(db, `+1${digits}`).phoneIndex);
  if (digits.length === 7) return eq(lead.phoneLast7Index, phoneIndexes(db, `+1000${digits}`).phoneLast7Index);
  if (digits.length === 4) return eq(lead.phoneLast4Index, phoneIndexes(db, `+1000000${digits}`).phoneLast4Index);
  return sql`0`;
}

/** The leads a typed search finds: part of a name, a phone number (see phoneMatch), or a whole email. */
export function leadSearchCondition(db: Db, q: string): SQL {
  const digits = phoneSearchDigits(q);
  // Emails are encrypted too: a whole address (any case) is found through its blind index.
  if (q.includes("@")) return eq(lead.emailIndex, emailIndex(db, q));
  return digits ? phoneMatch(db, digits) : sql`${lead.name} like ${`%${escapeLike(q)}%`} escape '\\'`;
}

const SORTS: Record<LeadListInput["sort"], SQL[]> = {
  createdAt: [asc(lead.createdAt), asc(lead.id)],
  "-createdAt": [desc(lead.createdAt), desc(lead.id)],
  updatedAt: [asc(lead.updatedAt), asc(lead.id)],
  "-updatedAt": [desc(lead.updatedAt), desc(lead.id)],
  name: [sql`${lead.name} collate nocase asc`, asc(lead.id)],
  "-name": [sql`${lead.name} collate nocase desc`, desc(lead.id)],
  status: [asc(lead.status), desc(lead.createdAt)],
  "-status": [desc(lead.status), desc(lead.createdAt)],
};

/**
 * The list without a search, one statement per sort and whether a status is asked for, prepared
 * once per connection: the desk pages through it all day, and building and parsing it each time
 * cost more than running it. A search's text varies with what was typed, so it is built per request.
 */
function prepareList(db: Db, sort: LeadListInput["sort"], byStatus: boolean) {
  return {
    items: db
      .select(listColumns)
      .from(lead)
      .where(byStatus ? eq(lead.status, p("status")) : undefined)
      .orderBy(...SORTS[sort])
      .limit(p("limit"))
      .offset(p("offset"))
      .prepare(),
    // The total is a lookup in the counts the triggers keep (migration 0003).
    total: db
      .select({ n: sql<number>`coalesce(sum(${leadStatusCount.n}), 0)` })
      .from(leadStatusCount)
      .where(byStatus ? eq(leadStatusCount.status, p("status")) : undefined)
      .prepare(),
  };
}
const listStatements = perConnection(() => new Map<string, ReturnType<typeof prepareList>>());

/** One page of the list and its total, read in one snapshot so that they agree. */
export function findLeads(db: Db, filter: LeadListInput): Page<LeadListItem> {
  return inOneSnapshot(db.$client, () => listPage(db, filter));
}

function listPage(db: Db, filter: LeadListInput): Page<LeadListItem> {
  const q = filter.search?.trim();
  const limit = filter.perPage;
  const offset = (filter.page - 1) * filter.perPage;
  if (!q) {
    const byStatus = filter.status !== undefined;
    const shapes = listStatements(db);
    const key = `${filter.sort}:${byStatus}`;
    let prepared = shapes.get(key);
    if (!prepared) shapes.set(key, (prepared = prepareList(db, filter.sort, byStatus)));
    const values = { status: filter.status, limit, offset };
    return { items: prepared.items.all(values), total: prepared.total.get(values)?.n ?? 0 };
  }
  const condition = and(leadSearchCondition(db, q), filter.status ? eq(lead.status, filter.status) : undefined);
  const items = db
    .select(listColumns)
    .from(lead)
    .where(condition)
    .orderBy(...SORTS[filter.sort])
    .limit(limit)
    .offset(offset)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(lead)
      .where(condition)
      .get()?.n ?? 0;
  return { items, total };
}

// Every logged call reads, creates or moves a lead: these statements are prepared once. Called inside
// `db.transaction(...)` they are part of it (a Db is one SQLite connection).
/** What logging a call needs to know of a lead, read without decrypting any of its fields. */
export const leadRefColumns = { id: lead.id, status: lead.status, named: sql<number>`${lead.name} is not null`, mergedIntoId: lead.mergedIntoId };
export type LeadRef = { id: number; status: LeadStatus; named: boolean; mergedIntoId: number | null };
export const toLeadRef = (row: { id: number; status: LeadStatus; named: number; mergedIntoId: number | null }): LeadRef => ({ ...row, named: row.named === 1 });
/**
 * A touch becomes the lead's last unless the lead has heard of a later one already: each last-touch
 * column takes the touch's value (`touch*` placeholders) only then (SET reads the old row). With no
 * touch (`touchAtMs` null) the columns keep their values.
 */
const laterTouch = sql`${p("touchAtMs")} is not null and coalesce(${lead.lastAt}, 0) <= ${p("touchAtMs")}`;
export const lastTouchSet = {
  lastSource: sql`case when ${laterTouch} then ${p("touchSource")} else ${lead.lastSource} end`,
  lastMedium: sql`case when ${laterTouch} then ${p("touchMedium")} else ${lead.lastMedium} end`,
  lastCampaign: sql`case when ${laterTouch} then ${p("touchCampaign")} else ${lead.lastCampaign} end`,
  lastTerm: sql`case when ${laterTouch} then ${p("touchTerm")} else ${lead.lastTerm} end`,
  lastContent: sql`case when ${laterTouch} then ${p("touchContent")} else ${lead.lastContent} end`,
  lastGclid: sql`case when ${laterTouch} then ${p("touchGclid")} else ${lead.lastGclid} end`,
  lastLandingPage: sql`case when ${laterTouch} then ${p("touchLandingPage")} else ${lead.lastLandingPage} end`,
  lastReferrer: sql`case when ${laterTouch} then ${p("touchReferrer")} else ${lead.lastReferrer} end`,
  lastAt: sql`case when ${laterTouch} then ${p("touchAtMs")} else ${lead.lastAt} end`,
};
/** The values of lastTouchSet's placeholders for a touch, or for none. */
export function touchParams(touch: Touch | null) {
  return {
    touchAtMs: touch ? touch.at.getTime() : null,
    touchSource: touch?.source ?? null,
    touchMedium: touch?.medium ?? null,
    touchCampaign: touch?.campaign ?? null,
    touchTerm: touch?.term ?? null,
    touchContent: touch?.content ?? null,
    touchGclid: touch?.gclid ?? null,
    touchLandingPage: touch?.landingPage ?? null,
    touchReferrer: touch?.referrer ?? null,
  };
}
const leadInsertValues = {
  name: p("name"),
  phone: p("phone"),
  phoneIndex: p("phoneIndex"),
  phoneLast7Index: p("phoneLast7Index"),
  phoneLast4Index: p("phoneLast4Index"),
  source: p("source"),
  lineId: p("lineId"),
  status: "new",
  channel: p("channel"),
  // A new lead's first touch is also its last.
  firstSource: p("touchSource"),
  firstMedium: p("touchMedium"),
  firstCampaign: p("touchCampaign"),
  firstTerm: p("touchTerm"),
  firstContent: p("touchContent"),
  firstGclid: p("touchGclid"),
  firstLandingPage: p("touchLandingPage"),
  firstReferrer: p("touchReferrer"),
  firstAt: p("touchAt"),
  lastSource: p("touchSource"),
  lastMedium: p("touchMedium"),
  lastCampaign: p("touchCampaign"),
  lastTerm: p("touchTerm"),
  lastContent: p("touchContent"),
  lastGclid: p("touchGclid"),
  lastLandingPage: p("touchLandingPage"),
  lastReferrer: p("touchReferrer"),
  lastAt: p("touchAt"),
  createdById: p("actorId"),
  createdAt: p("now"),
  updatedAt: p("now"),
} as const;
// Values in `set` are bound as they are: times go in as epoch milliseconds.
const moveSet = { status: sql`${p("status")}`, closedReason: sql`${p("closedReason")}`, updatedAt: sql`${p("nowMs")}` };
const statements = perConnection((db) => ({
  byId: db
    .select()
    .from(lead)
    .where(eq(lead.id, p("id")))
    .prepare(),
  refById: db
    .select(leadRefColumns)
    .from(lead)
    .where(eq(lead.id, p("id")))
    .prepare(),
  insert: db.insert(lead).values(leadInsertValues).returning().prepare(),
  insertId: db.insert(lead).values(leadInsertValues).returning({ id: lead.id }).prepare(),
  event: db
    .insert(leadEvent)
    .values({
      leadId: p("leadId"),
      fromStatus: p("fromStatus"),
      toStatus: p("toStatus"),
      actorId: p("actorId"),
      reason: p("reason"),
      detail: p("detail"),
      at: p("at"),
    })
    .prepare(),
  lastTouch: db
    .update(lead)
    .set(lastTouchSet)
    .where(eq(lead.id, p("id")))
    .prepare(),
  move: db
    .update(lead)
    .set(moveSet)
    .where(eq(lead.id, p("id")))
    .returning()
    .prepare(),
  // The same, reading nothing back (a logged call reads its lead once, at the end).
  moveQuiet: db
    .update(lead)
    .set(moveSet)
    .where(eq(lead.id, p("id")))
    .prepare(),
}));

export function getLeadRow(db: Db, id: number) {
  const row = statements(db).byId.get({ id });
  if (!row) throw notFound("lead");
  return row;
}

/** A lead's id, status, whether it has a name and what it was merged into: nothing decrypted. */
export function getLeadRef(db: Db, id: number): LeadRef {
  const row = statements(db).refById.get({ id });
  if (!row) throw notFound("lead");
  return toLeadRef(row);
}

/** What the lead page shows beside the lead itself, prepared once per connection (the desk opens leads all day). */
const detailStatements = perConnection((db) => ({
  calls: db
    .select({
      id: call.id,
      direction: call.direction,
      otherNumber: call.otherNumber,
      startedAt: call.startedAt,
      durationSeconds: call.durationSeconds,
      outcome: call.outcome,
      notes: call.notes,
      lineLabel: line.label,
      handledBy: user.name,
    })
    .from(call)
    .innerJoin(line, eq(line.id, call.lineId))
    .leftJoin(user, eq(user.id, call.handledById))
    .where(eq(call.leadId, p("id")))
    .orderBy(desc(call.startedAt), desc(call.id))
    .prepare(),
  events: db
    .select({
      id: leadEvent.id,
      fromStatus: leadEvent.fromStatus,
      toStatus: leadEvent.toStatus,
      reason: leadEvent.reason,
      detail: leadEvent.detail,
      at: leadEvent.at,
      actor: user.name,
    })
    .from(leadEvent)
    .leftJoin(user, eq(user.id, leadEvent.actorId))
    .where(eq(leadEvent.leadId, p("id")))
    .orderBy(asc(leadEvent.at), asc(leadEvent.id))
    .prepare(),
  // Who the lead was handed to, so the lead page does not offer the same handoff twice.
  handoffs: db
    .select({
      id: handoff.id,
      target: handoff.target,
      urgent: handoff.urgent,
      createdAt: handoff.createdAt,
      acknowledgedAt: handoff.acknowledgedAt,
      clinicianName: addressee.name,
    })
    .from(handoff)
    .leftJoin(addressee, eq(addressee.id, handoff.clinicianId))
    .where(eq(handoff.leadId, p("id")))
    .orderBy(asc(handoff.createdAt), asc(handoff.id))
    .prepare(),
  // The website's inquiries, oldest first: what the person wrote and how they want to be reached.
  inquiries: db
    .select({
      id: leadTouch.id,
      reference: leadTouch.reference,
      at: leadTouch.at,
      source: leadTouch.source,
      medium: leadTouch.medium,
      campaign: leadTouch.campaign,
      name: leadTouch.name,
      email: leadTouch.email,
      message: leadTouch.message,
      preferredContact: leadTouch.preferredContact,
      textConsent: leadTouch.textConsent,
    })
    .from(leadTouch)
    .where(eq(leadTouch.leadId, p("id")))
    .orderBy(asc(leadTouch.at), asc(leadTouch.id))
    .prepare(),
}));

export function getLeadDetail(db: Db, id: number, actor: SessionUser) {
  const row = getLeadRow(db, id);
  const prepared = detailStatements(db);
  const calls = prepared.calls.all({ id });
  const events = prepared.events.all({ id });
  const handoffs = prepared.handoffs.all({ id });
  const inquiries = prepared.inquiries.all({ id });
  const transitions = allowedTransitions(row.status, actor.role).map((t) => ({
    to: t.to,
    label: t.label,
    reason: t.reason,
  }));
  return { ...leadView(row), calls, events, handoffs, inquiries, transitions };
}

export function updateLead(db: Db, input: LeadUpdateInput, now: Date) {
  const { id, ...fields } = input;
  getLeadRow(db, id);
  if (fields.referrerId != null) getReferrer(db, fields.referrerId);
  const updated = db
    .update(lead)
    .set({
      ...fields,
      ...(fields.phone ? phoneIndexes(db, fields.phone) : {}),
      ...(fields.email !== undefined ? { emailIndex: fields.email === null ? null : emailIndex(db, fields.email) } : {}),
      updatedAt: now,
    })
    .where(eq(lead.id, id))
    .returning()
    .get();
  return leadView(updated);
}

export interface MoveArgs {
  id: number;
  to: LeadStatus;
  reason?: string | undefined;
  /** What decided a move the app made itself (e.g. the rules that closed the lead). */
  detail?: string | undefined;
  actor: SessionUser;
  now: Date;
  /** A move the app makes as part of an action (screening, handoff): the lifecycle still applies, the role check does not. */
  system?: boolean;
}

/** Records a status change with its event; call it inside the caller's transaction. */
export function moveLead(db: Db, args: MoveArgs) {
  const row = getLeadRow(db, args.id);
  return statements(db).move.get({ id: row.id, ...checkedMove(db, row, args) })!;
}

/** The same for a lead known by its ref, reading nothing back (a logged call reads its lead once, at the end). */
export function moveLeadRef(db: Db, ref: LeadRef, args: Omit<MoveArgs, "id">): void {
  statements(db).moveQuiet.run({ id: ref.id, ...checkedMove(db, ref, { ...args, id: ref.id }) });
}

/** Checks a move against the lifecycle and records its event; the caller writes the lead's new status. */
function checkedMove(db: Db, row: { id: number; status: LeadStatus; mergedIntoId: number | null }, args: MoveArgs) {
  // A merged lead's record lives on its survivor; reopened, it would be an empty second lead for the person.
  if (row.mergedIntoId !== null) throw new AppError("CONFLICT", `Lead #${row.id} was merged into lead #${row.mergedIntoId}: work on that lead instead.`);
  const check = checkTransition(row.status, args.to, args.actor.role, args.reason, { system: args.system ?? false });
  if (!check.ok) throw new AppError(check.code, check.message);
  const reason = args.reason?.trim() || null;
  statements(db).event.run({
    leadId: row.id,
    fromStatus: row.status,
    toStatus: args.to,
    actorId: args.actor.id,
    reason,
    detail: args.detail ?? null,
    at: args.now,
  });
  const closedReason: ClosedReason | null = args.to === "closed" ? (reason as ClosedReason) : null;
  return { status: args.to, closedReason, nowMs: args.now.getTime() };
}

export function transitionLead(db: Db, args: { id: number; to: LeadStatus; reason?: string | undefined; actor: SessionUser; now: Date }) {
  return leadView(db.transaction(() => moveLead(db, args)));
}

export interface NewLead {
  name: string | null;
  phone: string;
  source: string | null;
  lineId: number | null;
  /** Null for a lead nobody on the staff created (the website's form). */
  actor: SessionUser | null;
  now: Date;
  channel?: LeadChannel;
  touch?: Touch;
}

/**
 * A new lead with its first event; call it inside the caller's transaction. A lead a call starts
 * comes in by `call`, its first touch the line's source; the website's inquiries say their own.
 */
export function createLeadRow(db: Db, args: NewLead) {
  const created = statements(db).insert.get(newLeadValues(db, args))!;
  recordCreation(db, created.id, args);
  return created;
}

/** The same, answering only the new lead's id (a logged call reads its lead once, at the end). */
export function createLeadId(db: Db, args: NewLead): number {
  const { id } = statements(db).insertId.get(newLeadValues(db, args))!;
  recordCreation(db, id, args);
  return id;
}

function newLeadValues(db: Db, args: NewLead) {
  const touch = args.touch ?? callTouch(args.source, args.now);
  return {
    name: args.name,
    phone: args.phone,
    ...phoneIndexes(db, args.phone),
    source: args.source,
    lineId: args.lineId,
    actorId: args.actor?.id ?? null,
    now: args.now,
    channel: args.channel ?? "call",
    touchSource: touch.source,
    touchMedium: touch.medium,
    touchCampaign: touch.campaign,
    touchTerm: touch.term,
    touchContent: touch.content,
    touchGclid: touch.gclid,
    touchLandingPage: touch.landingPage,
    touchReferrer: touch.referrer,
    touchAt: touch.at,
  };
}

/** A new lead's first event. */
function recordCreation(db: Db, id: number, args: NewLead): void {
  statements(db).event.run({ leadId: id, fromStatus: null, toStatus: "new", actorId: args.actor?.id ?? null, reason: null, detail: null, at: args.now });
}

/** A later touch becomes the lead's last, unless the lead has heard of a later one already. */
export function recordLastTouch(db: Db, leadId: number, touch: Touch) {
  statements(db).lastTouch.run({ id: leadId, ...touchParams(touch) });
}

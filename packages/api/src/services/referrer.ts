// Referring providers: the clinic's list of physicians and practices who send patients.
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import {
  referralLetter,
  type Page,
  type ReferralLetterInput,
  type ReferrerCreateInput,
  type ReferrerListInput,
  type ReferrerUpdateInput,
  type SessionUser,
} from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
import { assertSchedulingAccess } from "./appointment/access.ts";
import { escapeLike } from "./sqlText.ts";

const { referrer } = schema;

const columns = {
  id: referrer.id,
  name: referrer.name,
  npi: referrer.npi,
  practice: referrer.practice,
  phone: referrer.phone,
  fax: referrer.fax,
  address: referrer.address,
  createdAt: referrer.createdAt,
  updatedAt: referrer.updatedAt,
};
export type ReferrerView = { [K in keyof typeof columns]: (typeof referrer.$inferSelect)[K] };

/** One NPI names one provider: a second record with it is refused, naming the field (not the number). */
function checkNpiFree(db: Db, npi: string | null | undefined, exceptId?: number) {
  if (!npi) return;
  const other = db
    .select({ id: referrer.id })
    .from(referrer)
    .where(and(eq(referrer.npi, npi), exceptId === undefined ? undefined : ne(referrer.id, exceptId)))
    .get();
  if (other) throw new AppError("CONFLICT", "Another referring provider already has this NPI: pick that one from the list instead.", "npi");
}

export function getReferrer(db: Db, id: number): ReferrerView {
  const row = db.select(columns).from(referrer).where(eq(referrer.id, id)).get();
  if (!row) throw notFound("referring provider");
  return row;
}

export function createReferrer(db: Db, input: ReferrerCreateInput, actor: SessionUser, now: Date): ReferrerView {
  return db.transaction(() => {
    checkNpiFree(db, input.npi);
    return db
      .insert(referrer)
      .values({ ...input, createdById: actor.id, createdAt: now, updatedAt: now })
      .returning(columns)
      .get();
  });
}

export function updateReferrer(db: Db, input: ReferrerUpdateInput, now: Date): ReferrerView {
  const { id, ...fields } = input;
  return db.transaction(() => {
    getReferrer(db, id);
    checkNpiFree(db, fields.npi, id);
    return db
      .update(referrer)
      .set({ ...fields, updatedAt: now })
      .where(eq(referrer.id, id))
      .returning(columns)
      .get();
  });
}

/** Providers by name (then id); `search` matches part of a name or practice, or a whole NPI. */
export function listReferrers(db: Db, input: ReferrerListInput): Page<ReferrerView> {
  const q = input.search?.trim();
  const digits = q?.replace(/[\s-]/g, "");
  const like = q ? `%${escapeLike(q)}%` : null;
  const where = q
    ? /^\d{10}$/.test(digits ?? "")
      ? eq(referrer.npi, digits!)
      : sql`(${referrer.name} like ${like} escape '\\' or ${referrer.practice} like ${like} escape '\\')`
    : undefined;
  const items = db
    .select(columns)
    .from(referrer)
    .where(where)
    .orderBy(sql`${referrer.name} collate nocase`, asc(referrer.id))
    .limit(input.perPage)
    .offset((input.page - 1) * input.perPage)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(referrer)
      .where(where)
      .get()?.n ?? 0;
  return { items, total };
}

/**
 * A letter to the lead's referring provider as the server writes it: the wording follows what the
 * patient authorised, decided here, not by the page that prints it (docs/domain.md, "Referring providers").
 * Schedulers only for leads handed to scheduling.
 */
export function referralLetterFor(db: Db, input: ReferralLetterInput, actor: SessionUser) {
  assertSchedulingAccess(db, input.leadId, actor);
  const row = db
    .select({ name: schema.lead.name, status: schema.lead.status, referrerId: schema.lead.referrerId, mayUpdateReferrer: schema.lead.mayUpdateReferrer })
    .from(schema.lead)
    .where(eq(schema.lead.id, input.leadId))
    .get();
  if (!row) throw notFound("lead");
  const to = row.referrerId === null ? null : getReferrer(db, row.referrerId);
  if (!to) return { kind: input.kind, to: null, letter: { ready: false as const, why: "No referring provider is recorded for this patient." } };
  const { appointment } = schema;
  // The latest consult still on the books (or held): what an acknowledgement or status letter is about.
  const consult = db
    .select({ startsAt: appointment.startsAt, status: appointment.status })
    .from(appointment)
    .where(and(eq(appointment.leadId, input.leadId), eq(appointment.kind, "consult"), ne(appointment.status, "cancelled")))
    .orderBy(desc(appointment.startsAt), desc(appointment.id))
    .get();
  const letter = referralLetter(input.kind, {
    patientName: row.name,
    leadStatus: row.status,
    mayUpdateReferrer: row.mayUpdateReferrer,
    consult: consult ?? null,
  });
  return { kind: input.kind, to, letter };
}

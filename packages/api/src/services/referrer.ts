// Referring providers: the clinic's list of physicians and practices who send patients.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import type { Page, ReferrerCreateInput, ReferrerListInput, ReferrerUpdateInput, SessionUser } from "@intake/domain";
import { AppError, notFound } from "../errors.ts";
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
    return db.update(referrer).set({ ...fields, updatedAt: now }).where(eq(referrer.id, id)).returning(columns).get();
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
  const total = db.select({ n: sql<number>`count(*)` }).from(referrer).where(where).get()?.n ?? 0;
  return { items, total };
}

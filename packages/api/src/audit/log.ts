// Writing and reading the audit trail: appended in a write transaction, chained by HMAC, never updated.
import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@intake/db";
import { perConnection, schema } from "@intake/db";
import { GENESIS_HASH, entryHash, verifyChain, type AuditFields, type ChainBreak, type ChainedEntry } from "./chain.ts";

const { auditEntry, user } = schema;

export type NewAuditEntry = Omit<AuditFields, "seq">;

const statements = perConnection((db) => ({
  last: db.select({ seq: auditEntry.seq, hash: auditEntry.hash }).from(auditEntry).orderBy(desc(auditEntry.seq)).limit(1).prepare(),
  insert: db
    .insert(auditEntry)
    .values({
      seq: sql.placeholder("seq"),
      at: sql.placeholder("at"),
      actorId: sql.placeholder("actorId"),
      actorRole: sql.placeholder("actorRole"),
      action: sql.placeholder("action"),
      recordType: sql.placeholder("recordType"),
      recordId: sql.placeholder("recordId"),
      ip: sql.placeholder("ip"),
      outcome: sql.placeholder("outcome"),
      prevHash: sql.placeholder("prevHash"),
      hash: sql.placeholder("hash"),
    })
    .prepare(),
}));

/** The longest each stored text field may be: the chain forbids pruning, so nothing may grow it without bound. */
export const AUDIT_FIELD_MAX = { action: 64, recordType: 40, recordId: 4096, ip: 45 } as const;

/** An address as a socket reports one (IPv4, IPv6, IPv4-mapped); anything else is not an address. */
const IP_TEXT = /^[0-9A-Fa-f:.]{2,45}$/;

/** A list of ids cut at the last whole id that fits, marked as cut. */
function boundedIds(ids: string | null): string | null {
  if (ids === null || ids.length <= AUDIT_FIELD_MAX.recordId) return ids;
  const cut = ids.slice(0, AUDIT_FIELD_MAX.recordId - 2);
  return `${cut.slice(0, Math.max(0, cut.lastIndexOf(",")))},…`;
}

/**
 * What is stored: every field bounded, whoever calls. The policy already records only validated ids;
 * this is the last gate before the chain, for every writer (the API, the command line).
 */
export function boundedEntry(entry: NewAuditEntry): NewAuditEntry {
  return {
    ...entry,
    actorRole: entry.actorRole === null ? null : entry.actorRole.slice(0, AUDIT_FIELD_MAX.recordType),
    action: entry.action.slice(0, AUDIT_FIELD_MAX.action),
    recordType: entry.recordType === null ? null : entry.recordType.slice(0, AUDIT_FIELD_MAX.recordType),
    recordId: boundedIds(entry.recordId),
    ip: entry.ip !== null && IP_TEXT.test(entry.ip) ? entry.ip : null,
  };
}

/** Appends one entry; the immediate transaction keeps the chain in order across processes. */
export function appendAudit(db: Db, key: Buffer, entry: NewAuditEntry): ChainedEntry {
  return chained(db).immediate(key, boundedEntry(entry));
}

// SQLite's own transaction, built once per connection: inside a caller's transaction (a writer
// job, a request's change) it is a savepoint of it, so the entry commits with the change.
const chained = perConnection((db) => {
  const { last, insert } = statements(db);
  return db.$client.transaction((key: Buffer, bounded: NewAuditEntry): ChainedEntry => {
    const previous = last.get();
    const fields: AuditFields = { ...bounded, seq: (previous?.seq ?? 0) + 1 };
    const prevHash = previous?.hash ?? GENESIS_HASH;
    const row: ChainedEntry = { ...fields, prevHash, hash: entryHash(key, fields, prevHash) };
    insert.run({ ...row });
    return row;
  });
});

/** Checks the whole chain, streaming rows in storage order (rowid), so a reordering shows. */
export function verifyAudit(db: Db, key: Buffer): ChainBreak {
  const rows = db.$client
    .prepare(
      "select seq, at, actor_id as actorId, actor_role as actorRole, action, record_type as recordType, record_id as recordId, ip, outcome, prev_hash as prevHash, hash from audit_entry order by rowid",
    )
    .iterate() as IterableIterator<ChainedEntry>;
  return verifyChain(key, rows);
}

export interface AuditQuery {
  from?: Date | undefined;
  to?: Date | undefined;
  actorId?: number | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  action?: string | undefined;
  sort: "at" | "-at";
  page: number;
  perPage: number;
}

export function findAudit(db: Db, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.from) where.push(gte(auditEntry.at, q.from.getTime()));
  if (q.to) where.push(lt(auditEntry.at, q.to.getTime()));
  if (q.actorId) where.push(eq(auditEntry.actorId, q.actorId));
  // A list read records every id it returned, comma-separated; match one id among them. Reads of
  // calls, appointments and handoffs also name their leads as `lead:<id>` (audit/policy.ts), so a
  // search for a lead finds them under their own record type too.
  const hasId = (id: string) => sql`(',' || ${auditEntry.recordId} || ',') like ${`%,${id},%`}`;
  const ofType = q.recordType ? eq(auditEntry.recordType, q.recordType) : undefined;
  if (q.recordId) {
    const own = and(ofType, hasId(q.recordId));
    where.push(!q.recordType || q.recordType === "lead" ? or(own, hasId(`lead:${q.recordId}`))! : own!);
  } else if (ofType) where.push(ofType);
  if (q.action) where.push(eq(auditEntry.action, q.action));
  const condition = where.length ? and(...where) : undefined;
  const items = db
    .select({
      seq: auditEntry.seq,
      at: auditEntry.at,
      actorId: auditEntry.actorId,
      actorName: user.name,
      actorRole: auditEntry.actorRole,
      action: auditEntry.action,
      recordType: auditEntry.recordType,
      recordId: auditEntry.recordId,
      ip: auditEntry.ip,
      outcome: auditEntry.outcome,
    })
    .from(auditEntry)
    .leftJoin(user, eq(user.id, auditEntry.actorId))
    .where(condition)
    .orderBy(q.sort === "at" ? asc(auditEntry.seq) : desc(auditEntry.seq))
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditEntry)
      .where(condition)
      .get()?.n ?? 0;
  return { items, total };
}

// The writes that run on the writer connection: named, so a request can hand one to another thread
// with plain data (structured-clone) and get plain data back.
import type { Db, OpenedDb } from "@intake/db";
import type { CallLogInput, SessionUser } from "@intake/domain";
import { appendAudit, type NewAuditEntry } from "../audit/log.ts";
import { recordCall } from "../services/call.ts";

export const WRITE_OPS = {
  /** One audit entry, chained to the last (the audit key is the connection's own). */
  "audit.append": (db: Db & OpenedDb, entry: NewAuditEntry) => appendAudit(db, db.keys.audit, entry),
  /** A logged call and what it means for its lead. */
  "call.record": (db: Db & OpenedDb, args: { input: CallLogInput; actor: SessionUser; now: Date }) =>
    recordCall(db, args.input, args.actor, args.now),
};

export type WriteOp = keyof typeof WRITE_OPS;
export type WriteArgs<K extends WriteOp> = Parameters<(typeof WRITE_OPS)[K]>[1];
export type WriteResult<K extends WriteOp> = ReturnType<(typeof WRITE_OPS)[K]>;

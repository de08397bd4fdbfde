// What runs on the server's database threads, by name, so a request hands it over as plain data
// (structured clone) and gets plain data back.
import type { Db, OpenedDb } from "@intake/db";
import type { CallLogInput, FunnelInput, SessionUser } from "@intake/domain";
import { appendAudit, type NewAuditEntry } from "../audit/log.ts";
import { recordCall } from "../services/call.ts";
import { getFunnel } from "../services/funnel.ts";
import { reportByCampaign, reportByChannel, reportByCoordinator, reportByLanguage, reportByLine, reportByReferrer, reportBySource } from "../services/report.ts";

type Connection = Db & OpenedDb;

/** The busiest writes: on the writer thread they share group commits. */
export const WRITE_OPS = {
  /** One audit entry, chained to the last (the audit key is the connection's own). */
  "audit.append": (db: Connection, entry: NewAuditEntry) => appendAudit(db, db.keys.audit, entry),
  /** A logged call and what it means for its lead. */
  "call.record": (db: Connection, args: { input: CallLogInput; actor: SessionUser; now: Date }) => recordCall(db, args.input, args.actor, args.now),
};

/**
 * Managers' figures: tens to hundreds of milliseconds of SQLite work each. On the reports thread
 * they never hold up the desk's requests on the request thread.
 */
export const REPORT_OPS = {
  "funnel.get": (db: Connection, input: FunnelInput) => getFunnel(db, input),
  "report.byCoordinator": (db: Connection, input: FunnelInput) => reportByCoordinator(db, input),
  "report.bySource": (db: Connection, input: FunnelInput) => reportBySource(db, input),
  "report.byLanguage": (db: Connection, input: FunnelInput) => reportByLanguage(db, input),
  "report.byLine": (db: Connection, input: FunnelInput) => reportByLine(db, input),
  "report.byReferrer": (db: Connection, input: FunnelInput) => reportByReferrer(db, input),
  "report.byChannel": (db: Connection, input: FunnelInput) => reportByChannel(db, input),
  "report.byCampaign": (db: Connection, input: FunnelInput) => reportByCampaign(db, input),
};

export type OpTable = Record<string, (db: Connection, args: never) => unknown>;
export type OpName<Ops extends OpTable> = keyof Ops & string;
export type OpArgs<Ops extends OpTable, K extends OpName<Ops>> = Parameters<Ops[K]>[1];
export type OpResult<Ops extends OpTable, K extends OpName<Ops>> = ReturnType<Ops[K]>;

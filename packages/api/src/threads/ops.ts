// What runs on the server's database threads, by name, so a request hands it over as plain data
// (structured clone) and gets plain data back.
import type { Db, OpenedDb } from "@intake/db";
import type { CallLogInput, FunnelInput, SessionUser } from "@intake/domain";
import { appendAudit, type NewAuditEntry } from "../audit/log.ts";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import type { AlertSettings } from "../context.ts";
import { escalateOverdue } from "../services/alerts.ts";
import { recordCall } from "../services/call.ts";
import { getFunnel, syncFunnel } from "../services/funnel.ts";
import {
  reportByCampaign,
  reportByChannel,
  reportByCoordinator,
  reportByLanguage,
  reportByLine,
  reportByReferrer,
  reportBySource,
} from "../services/report.ts";
import { applySessionWrite, type SessionWrite } from "../services/session.ts";
import { releaseAttempt, reserveAttempt, type Reservation } from "../services/throttle.ts";
import { claimTotpStep } from "../services/user.ts";
import { runMutation, type MutationJob } from "./mutations.ts";

type Connection = Db & OpenedDb;

/** Every write: on the writer thread they share group commits, each job in a savepoint of its own. */
export const WRITE_OPS = {
  /** A procedure's change and its audit entry, both or neither (mutations.ts). */
  mutate: (db: Connection, job: MutationJob) => runMutation(db, job),
  /** One audit entry (a read's, a refusal's), chained to the last, with the session's last-seen if it moved. */
  "audit.append": (db: Connection, { session, ...entry }: NewAuditEntry & { session?: SessionWrite | null }) => {
    if (session) applySessionWrite(db, session);
    return appendAudit(db, db.keys.audit, entry);
  },
  /** A session's last-seen, or a lapsed session's removal, when no audit entry goes with it. */
  "session.write": (db: Connection, change: SessionWrite) => applySessionWrite(db, change),
  /** A logged call and what it means for its lead (no audit entry: call.log goes through `mutate`). */
  "call.record": (db: Connection, args: { input: CallLogInput; actor: SessionUser; now: Date }) => recordCall(db, args.input, args.actor, args.now),
  /** A sign-in attempt counted before its password is checked (on the request thread). */
  "auth.reserve": (db: Connection, args: { keys: string[]; now: Date }) => reserveAttempt(db, args.keys, args.now),
  "auth.release": (db: Connection, reservation: Reservation) => releaseAttempt(db, reservation),
  /** A second-factor code used up: true when this sign-in was first to claim its step. */
  "auth.claimTotp": (db: Connection, args: { userId: number; step: number }) => claimTotpStep(db, args.userId, args.step),
  /** Overdue urgent handoffs escalated, each with its audit entry in the same job. */
  "alerts.escalate": (db: Connection, args: { settings: AlertSettings; now: Date }) => {
    const escalated = escalateOverdue(db, args.settings, args.now);
    for (const h of escalated) {
      appendAudit(db, db.keys.audit, {
        at: args.now.getTime(),
        actorId: null,
        actorRole: null,
        action: SERVER_ACTIONS.escalate,
        recordType: "handoff",
        recordId: String(h.id),
        ip: null,
        outcome: "ok",
      });
    }
    return escalated;
  },
  /** The funnel's rows for leads changed since, at most `limit` of them (all when unset). */
  "funnel.sync": (db: Connection, args: { limit?: number }) => syncFunnel(db, args.limit),
};

/**
 * Small writes someone is waiting on, a row or two each, whose order against the queued changes
 * does not matter: they commit ahead of them (inWriteBatch's `first`), so a read's answer does not
 * wait behind a burst of calls. Sign-in's counters keep their place: a successful sign-in (a queued
 * change) clears an account's failures, and a failure counted after it must stay counted.
 */
export const FIRST_WRITE_OPS: ReadonlySet<string> = new Set<keyof typeof WRITE_OPS>(["audit.append", "session.write"]);

/**
 * Managers' figures: tens to hundreds of milliseconds of SQLite work each. On the reports thread
 * they never hold up the desk's requests on the request thread; the thread only reads.
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

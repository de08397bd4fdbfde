// Urgent alerts that never fall silent: who covers the clinical inbox now, and the escalation of an
// urgent handoff nobody acknowledged in time, driven by a periodic check in the server.
import { and, desc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import type { AlertSettings } from "../context.ts";
import type { IntakeEvents } from "../events.ts";
import type { WriteExecutor } from "../threads/executor.ts";
import { ON_CALL_ALERT_TEXT, LISTED_LINE_E164 } from "@intake/domain";
import { SERVER_ACTIONS } from "../audit/policy.ts";
import type { TextSender } from "./messaging.ts";

const { handoff, lead, line, session, user } = schema;

export interface ClinicalCoverage {
  /** Clinicians signed in with a live inbox open right now. */
  online: number;
  /** When a clinician was last seen: now while one is online; null when none has been seen. */
  lastSeenAt: Date | null;
  /** Whom to call when nobody is online (ON_CALL_PHONE, E.164); null when not configured. */
  onCallPhone: string | null;
}

/** How many clinicians could see an urgent alert now, and when one last could. */
export function clinicalCoverage(db: Db, events: IntakeEvents, settings: AlertSettings, now: Date): ClinicalCoverage {
  const online = events.presence.online();
  if (online > 0) return { online, lastSeenAt: now, onCallPhone: settings.onCallPhone };
  // A clinician's last request survives a restart; a live inbox closed since is later still.
  const row = db
    .select({ at: sql<number | null>`max(${session.lastSeenAt})` })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(user.role, "clinician"))
    .get();
  const times = [row?.at ?? null, events.presence.lastClosed()?.getTime() ?? null].filter((t): t is number => t !== null);
  return { online: 0, lastSeenAt: times.length ? new Date(Math.max(...times)) : null, onCallPhone: settings.onCallPhone };
}

/** Escalated urgent handoffs still waiting for a clinician, newest first: the coordinators' and managers' banner. */
export function openEscalations(db: Db, settings: AlertSettings) {
  const items = db
    .select({ handoffId: handoff.id, leadId: handoff.leadId, leadName: lead.name, createdAt: handoff.createdAt, escalatedAt: handoff.escalatedAt })
    .from(handoff)
    .innerJoin(lead, eq(lead.id, handoff.leadId))
    .where(and(eq(handoff.urgent, true), isNull(handoff.acknowledgedAt), isNotNull(handoff.escalatedAt)))
    .orderBy(desc(handoff.escalatedAt), desc(handoff.id))
    .all();
  return { onCallPhone: settings.onCallPhone, items };
}

/**
 * Marks every urgent handoff that waited URGENT_ACK_MINUTES without an acknowledgement as escalated,
 * once: the update only takes rows not yet escalated, so two checks (or two processes) never both
 * fire for one handoff. Returns the handoffs this call escalated.
 */
export function escalateOverdue(db: Db, settings: AlertSettings, now: Date) {
  const due = new Date(now.getTime() - settings.urgentAckMinutes * 60_000);
  return db
    .update(handoff)
    .set({ escalatedAt: now })
    .where(and(eq(handoff.urgent, true), isNull(handoff.acknowledgedAt), isNull(handoff.escalatedAt), lte(handoff.createdAt, due)))
    .returning({ id: handoff.id, leadId: handoff.leadId, target: handoff.target, clinicianId: handoff.clinicianId })
    .all();
}

export interface AlertClockDeps {
  db: Db;
  writes: WriteExecutor;
  events: IntakeEvents;
  settings: AlertSettings;
  now: () => Date;
  /** Sends the on-call text (telephony configured); without it the banner is the only escalation. */
  texts?: TextSender | null;
}

/**
 * Texts the on-call number that an urgent handoff is waiting: no patient detail, from the listed
 * line when it texts. Audited as `handoff.onCallText` (failed when the provider refused or nothing
 * could send); not retried, as the banner already stands on every coordinator's and manager's screen.
 */
async function textOnCall({ db, writes, settings, now, texts }: AlertClockDeps, handoffId: number): Promise<void> {
  if (!settings.onCallPhone || !texts) return;
  const from = db
    .select({ number: line.number })
    .from(line)
    .where(and(eq(line.number, LISTED_LINE_E164), eq(line.smsEnabled, true)))
    .get();
  let outcome: "ok" | "failed" = "failed";
  if (from) {
    try {
      await texts.send({ from: from.number, to: settings.onCallPhone, body: ON_CALL_ALERT_TEXT });
      outcome = "ok";
    } catch {
      outcome = "failed";
    }
  }
  await writes.run("audit.append", {
    at: now().getTime(),
    actorId: null,
    actorRole: null,
    action: SERVER_ACTIONS.onCallText,
    recordType: "handoff",
    recordId: String(handoffId),
    ip: null,
    outcome,
  });
}

/**
 * One pass of the server's alert clock: every live stream re-checks its session (an idle logoff is
 * said at once, not at the next event), then overdue urgent handoffs are escalated, each audited
 * (the server as actor) and announced to coordinators and managers.
 */
export async function runAlertChecks(deps: AlertClockDeps): Promise<number[]> {
  const { writes, events, settings, now } = deps;
  const at = now();
  events.emit({ kind: "session.check" });
  // Each escalation and its audit entry are stored together, by the writer.
  const escalated = await writes.run("alerts.escalate", { settings, now: at });
  for (const h of escalated) {
    events.emit({ kind: "handoff.escalated", handoffId: h.id, leadId: h.leadId, target: h.target, clinicianId: h.clinicianId, urgent: true });
    await textOnCall(deps, h.id);
  }
  return escalated.map((h) => h.id);
}

/** How often the server runs the checks: a few seconds, so a logoff or an escalation shows within them. */
export const ALERT_CHECK_MS = 5_000;

/**
 * Runs the checks now (a handoff that became overdue while the server was down escalates at start)
 * and every `everyMs` after; never two at once. `stop` waits for a pass under way.
 */
export function startAlertClock(deps: AlertClockDeps, everyMs = ALERT_CHECK_MS, onError: (error: unknown) => void = () => {}) {
  return startPeriodic(() => runAlertChecks(deps), everyMs, onError);
}

/**
 * A stored-work loop: runs `pass` now and every `everyMs` after, never two at once (a slow pass makes
 * the next one wait for the next tick); `stop` waits for a pass under way. What the passes act on is
 * in the database, so a restart loses nothing: the first pass picks up what fell due meanwhile.
 */
export function startPeriodic(pass: () => Promise<unknown>, everyMs: number, onError: (error: unknown) => void = () => {}) {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = pass()
      .catch(onError)
      .finally(() => void (busy = false));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

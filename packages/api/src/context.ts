// What every procedure receives: the database and where writes run, the clock, the caller's address and their session cookie.
import type { Db } from "@intake/db";
import type { IntakeEvents } from "./events.ts";
import { IDLE_TIMEOUT_MS } from "./services/session.ts";
import type { ReportExecutor, WriteExecutor } from "./threads/executor.ts";
import type { TextSender } from "./services/messaging.ts";
import type { SessionUser } from "@intake/domain";

export interface SessionCookie {
  /** The raw token from the request's cookie, if any. */
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Settings read once by the server (apps/server/src/env.ts) that procedures and the alert clock use. */
export interface AlertSettings {
  /** Automatic logoff after this long without activity (SESSION_IDLE_MINUTES). */
  sessionIdleMs: number;
  /** The on-call clinician's number, E.164 (ON_CALL_PHONE); null when none is configured. */
  onCallPhone: string | null;
  /** An urgent handoff nobody acknowledged within this many minutes is escalated (URGENT_ACK_MINUTES). */
  urgentAckMinutes: number;
  /** Hours before a booked consult its text reminders go out (TEXT_REMINDER_HOURS), largest first. */
  reminderHours: readonly number[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { sessionIdleMs: IDLE_TIMEOUT_MS, onCallPhone: null, urgentAckMinutes: 5, reminderHours: [48, 2] };

export interface Context {
  db: Db;
  /** Where the busiest writes (logged calls, audit entries) run: see threads/executor.ts. */
  writes: WriteExecutor;
  /** Where managers' figures are computed: see threads/executor.ts. */
  reports: ReportExecutor;
  now: () => Date;
  ip: string | null;
  cookie: SessionCookie;
  events: IntakeEvents;
  settings: AlertSettings;
  audit: AuditContext;
  /**
   * Milliseconds since the person last touched keyboard or pointer, as the dashboard reports it;
   * null when the client does not say. Requests made while nobody is at the screen (timers, live
   * refreshes) do not count as activity, so automatic logoff still happens.
   */
  clientIdleMs?: number | null;
  /** The EHR's FHIR base URL that "Send to EHR" posts transaction bundles to (FHIR_BASE_URL); unset, nothing is sent. */
  fhirBaseUrl?: string | null;
  /** Sends texts through the telephony provider (TWILIO_ACCOUNT_SID); unset, texting is refused with a reason. */
  texts?: TextSender | null;
}

/** Who is acting once the session is known (set by the auth guard); the audit entry names them. */
export interface AuditContext {
  actor: SessionUser | null;
}

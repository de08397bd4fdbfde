// What every procedure receives: the database, the clock, the caller's address and their session cookie.
import type { Db } from "@intake/db";
import type { IntakeEvents } from "./events.ts";
import type { SessionUser } from "@intake/domain";

export interface SessionCookie {
  /** The raw token from the request's cookie, if any. */
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  db: Db;
  now: () => Date;
  ip: string | null;
  cookie: SessionCookie;
  events: IntakeEvents;
  audit: AuditContext;
  /**
   * Milliseconds since the person last touched keyboard or pointer, as the dashboard reports it;
   * null when the client does not say. Requests made while nobody is at the screen (timers, live
   * refreshes) do not count as activity, so automatic logoff still happens.
   */
  clientIdleMs?: number | null;
}

/** The audit trail's key, and who is acting once the session is known (set by the auth guard). */
export interface AuditContext {
  key: Buffer;
  actor: SessionUser | null;
}

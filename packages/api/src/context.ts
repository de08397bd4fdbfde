// What every procedure receives: the database, the clock, the caller's address and their session cookie.
import type { Db } from "@intake/db";
import type { IntakeEvents } from "./events.ts";

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
}

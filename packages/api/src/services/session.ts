// Server-side sessions: random tokens in an HttpOnly cookie, only their SHA-256 in the database.
import { createHash, randomBytes } from "node:crypto";
import { eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@intake/db";
import { perConnection, schema } from "@intake/db";
import type { SessionUser } from "@intake/domain";

const { session, user } = schema;

/** Automatic logoff after 15 idle minutes (HIPAA 164.312(a)(2)(iii)). */
export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** A session ends 12 hours after sign-in however busy it is. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Writing last-seen on every request would make each read a write; a minute's slack is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export function createSession(db: Db, userId: number, now: Date, ip: string | null) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ABSOLUTE_LIFETIME_MS);
  db.insert(session)
    .values({ id: tokenHash(token), userId, createdAt: now, lastSeenAt: now, expiresAt, ip })
    .run();
  return { token, expiresAt };
}

// Checked on every request, so prepared once.
const statements = perConnection((db) => ({
  find: db
    .select({
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active },
    })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(eq(session.id, sql.placeholder("id")))
    .prepare(),
}));

/** A session's own small writes: its last-seen moved on, or a lapsed session removed. */
export type SessionWrite = { kind: "touch"; id: string; at: number } | { kind: "end"; id: string };

export function applySessionWrite(db: Db, change: SessionWrite): void {
  if (change.kind === "touch")
    db.update(session)
      .set({ lastSeenAt: new Date(change.at) })
      .where(eq(session.id, change.id))
      .run();
  else db.delete(session).where(eq(session.id, change.id)).run();
}

export type SessionLookup = { status: "ok"; user: SessionUser } | { status: "expired" } | { status: "none" };

/**
 * `touch: false` checks without counting as activity (a live stream is not the user at work);
 * `idleMs` is the automatic logoff (SESSION_IDLE_MINUTES), 15 minutes unless configured. `write`
 * takes the lookup's own writes (the server's request thread hands them to the writer); by default
 * they are made on `db` at once.
 */
export function resolveSession(
  db: Db,
  token: string | null,
  now: Date,
  opts: { touch?: boolean; idleMs?: number; write?: (change: SessionWrite) => void } = {},
): SessionLookup {
  const write = opts.write ?? ((change: SessionWrite) => applySessionWrite(db, change));
  if (!token) return { status: "none" };
  const id = tokenHash(token);
  const row = statements(db).find.get({ id });
  if (!row) return { status: "none" };
  const t = now.getTime();
  const idleMs = opts.idleMs ?? IDLE_TIMEOUT_MS;
  if (t - row.lastSeenAt.getTime() > idleMs || t >= row.expiresAt.getTime() || !row.user.active) {
    write({ kind: "end", id });
    return { status: "expired" };
  }
  // A short idle limit (a test's) needs a finer record of activity than the minute's slack.
  if (opts.touch !== false && t - row.lastSeenAt.getTime() > Math.min(TOUCH_EVERY_MS, idleMs / 4)) {
    write({ kind: "touch", id, at: t });
  }
  const { active: _active, ...sessionUser } = row.user;
  return { status: "ok", user: sessionUser };
}

export function endSession(db: Db, token: string): void {
  applySessionWrite(db, { kind: "end", id: tokenHash(token) });
}

/** Removes sessions that can no longer be used; run at start and now and then. */
export function purgeSessions(db: Db, now: Date, idleMs = IDLE_TIMEOUT_MS): number {
  return db
    .delete(session)
    .where(or(lt(session.expiresAt, now), lt(session.lastSeenAt, new Date(now.getTime() - idleMs))))
    .run().changes;
}

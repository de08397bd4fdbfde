// Sign-in back-off: after repeated failures an account, or an address, waits longer and longer.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";

const { signInThrottle } = schema;

/** Failures allowed before waiting starts; then 30 s, doubling, at most 15 minutes. */
export const FREE_ATTEMPTS = 5;
const BASE_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Failures older than this are forgiven. */
const WINDOW_MS = 60 * 60_000;

/** Keys are per email as typed (known or not, so the answer never says which) and per address. */
export const throttleKeys = (email: string, ip: string | null) => [`acct:${email}`, ...(ip ? [`ip:${ip}`] : [])];

/** Milliseconds the caller must still wait, or 0. */
export function waitFor(db: Db, keys: string[], now: Date): number {
  const rows = db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all();
  return Math.max(0, ...rows.map((r) => r.lockedUntil - now.getTime()));
}

export function recordFailure(db: Db, keys: string[], now: Date): void {
  const t = now.getTime();
  db.transaction((tx) => {
    for (const key of keys) {
      const row = tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
      const failures = row && t - row.lastFailureAt < WINDOW_MS ? row.failures + 1 : 1;
      // Addresses are shared (a clinic behind one NAT), so they get more room than one account.
      const free = key.startsWith("ip:") ? FREE_ATTEMPTS * 4 : FREE_ATTEMPTS;
      const over = failures - free;
      const lockedUntil = over > 0 ? t + Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** (over - 1)) : 0;
      tx.insert(signInThrottle)
        .values({ key, failures, lastFailureAt: t, lockedUntil })
        .onConflictDoUpdate({ target: signInThrottle.key, set: { failures, lastFailureAt: t, lockedUntil } })
        .run();
    }
  });
}

export function clearFailures(db: Db, email: string): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, `acct:${email}`)).run();
}

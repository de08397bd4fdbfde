// Sign-in back-off: after repeated failures an account, or an address, waits longer and longer.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";

const { signInThrottle } = schema;

/** Attempts allowed before waiting starts; then 30 s, doubling, at most 15 minutes. */
export const FREE_ATTEMPTS = 5;
/** Addresses are shared (a clinic behind one NAT), so they get more room than one account. */
export const FREE_ATTEMPTS_PER_ADDRESS = FREE_ATTEMPTS * 4;
const BASE_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
/** Failures older than this are forgiven. */
const WINDOW_MS = 60 * 60_000;

/** Keys are per email as typed (known or not, so the answer never says which) and per address. */
export const throttleKeys = (email: string, ip: string | null) => [`acct:${email}`, ...(ip ? [`ip:${ip}`] : [])];

const freeFor = (key: string) => (key.startsWith("ip:") ? FREE_ATTEMPTS_PER_ADDRESS : FREE_ATTEMPTS);

/**
 * The wait that starts once a key has used `attempts` of its tries: none before the last free one,
 * 30 s from it (so the fifth failure locks, and a sixth password is never checked), doubling after.
 */
const lockFor = (key: string, attempts: number) => {
  const over = attempts - freeFor(key) + 1;
  return over > 0 ? Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** (over - 1)) : 0;
};

/** An attempt counted against its keys, with the waits it started (so giving it back lifts only those). */
export interface Reservation {
  keys: { key: string; lockedUntil: number }[];
}

export type Reserved = { ok: true; reservation: Reservation } | { ok: false; waitMs: number };

/**
 * Counts an attempt for every key before its password is checked, or refuses it while any key
 * waits. One statement per key, in one transaction nothing else interleaves with, so a burst sent
 * at once gets exactly the free tries: the attempt that takes a key's last free try also starts its
 * wait, and every later one is refused without touching the password hash. What the attempt turns
 * out to be is settled afterwards: a failure keeps its count, anything else gives it back.
 */
export function reserveAttempt(db: Db, keys: string[], now: Date): Reserved {
  const t = now.getTime();
  const count = db.$client.prepare<[{ key: string; t: number; window: number }], number>(
    `insert into sign_in_throttle (key, failures, last_failure_at, locked_until) values (@key, 1, @t, 0)
     on conflict (key) do update set
       failures = case when @t - last_failure_at >= @window then 1 else failures + 1 end,
       last_failure_at = @t
     where locked_until <= @t
     returning failures`,
  );
  const lock = db.$client.prepare<[number, string], void>("update sign_in_throttle set locked_until = ? where key = ?");
  const reserve = db.$client.transaction((): Reservation => {
    const reservation: Reservation = { keys: [] };
    for (const key of keys) {
      const attempts = count.pluck().get({ key, t, window: WINDOW_MS });
      // No row: this key is waiting. Nothing is tried, and the keys counted so far are rolled back.
      if (attempts === undefined) throw new Refused();
      const wait = lockFor(key, attempts);
      if (wait > 0) lock.run(t + wait, key);
      reservation.keys.push({ key, lockedUntil: wait > 0 ? t + wait : 0 });
    }
    return reservation;
  });
  try {
    return { ok: true, reservation: reserve.immediate() };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
  }
  return { ok: false, waitMs: waitFor(db, keys, now) };
}

class Refused extends Error {}

/** Milliseconds the caller must still wait, or 0. */
export function waitFor(db: Db, keys: string[], now: Date): number {
  const rows = db.select().from(signInThrottle).where(inArray(signInThrottle.key, keys)).all();
  return Math.max(0, ...rows.map((r) => r.lockedUntil - now.getTime()));
}

/**
 * The attempt was no wrong password or code (the right password, perhaps still waiting for its
 * second factor): its try is given back, and a wait it started is lifted. Any other wait was
 * started by a later failure and stays.
 */
export function releaseAttempt(db: Db, reservation: Reservation): void {
  const giveBack = db.$client.prepare<[{ key: string; ours: number }], void>(
    `update sign_in_throttle set failures = max(failures - 1, 0),
       locked_until = case when locked_until = @ours then 0 else locked_until end
     where key = @key`,
  );
  // A key left with nothing counted and no wait is removed, as if the attempt had never been made.
  const forget = db.$client.prepare<[{ key: string }], void>("delete from sign_in_throttle where key = @key and failures = 0 and locked_until = 0");
  db.$client.transaction(() => {
    for (const { key, lockedUntil } of reservation.keys) {
      giveBack.run({ key, ours: lockedUntil === 0 ? -1 : lockedUntil });
      forget.run({ key });
    }
  })();
}

export function clearFailures(db: Db, email: string): void {
  db.delete(signInThrottle)
    .where(eq(signInThrottle.key, `acct:${email}`))
    .run();
}

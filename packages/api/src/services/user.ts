// People who sign in: creating them (from the command line) and checking their password.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import type { SessionUser, UserCreateInput } from "@intake/domain";
import { AppError } from "../errors.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";
import { newTotpSecret, otpauthUrl, verifyTotp } from "./totp.ts";

const { user } = schema;

export async function createUser(db: Db, input: UserCreateInput): Promise<SessionUser> {
  const exists = db.select({ id: user.id }).from(user).where(eq(user.email, input.email)).get();
  if (exists) throw new AppError("CONFLICT", "A user with that email already exists.");
  const passwordHash = await hashPassword(input.password);
  return db
    .insert(user)
    .values({ email: input.email, name: input.name, role: input.role, passwordHash })
    .returning({ id: user.id, email: user.email, name: user.name, role: user.role })
    .get();
}

export type CredentialCheck = { ok: true; user: SessionUser } | { ok: false; reason: "credentials" | "code_needed" | "code_wrong" | "no_authenticator" };

/**
 * Password first (an unknown email costs the same time as a wrong password), then the second
 * factor for accounts that have one — every admin must. A code that passes is used up: its step
 * is recorded, so the same code (overheard, or shoulder-surfed) cannot sign anyone in again.
 */
export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
  code: string | undefined,
  now: Date,
  claim: (userId: number, step: number) => boolean | Promise<boolean> = (userId, step) => claimTotpStep(db, userId, step),
): Promise<CredentialCheck> {
  const row = db.select().from(user).where(eq(user.email, email)).get();
  if (!row || !row.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    return { ok: false, reason: "credentials" };
  }
  if (!(await verifyPassword(row.passwordHash, password))) return { ok: false, reason: "credentials" };
  if (!row.totpSecret) {
    if (row.role === "admin") return { ok: false, reason: "no_authenticator" };
  } else {
    if (!code) return { ok: false, reason: "code_needed" };
    const step = verifyTotp(row.totpSecret, code, now, row.totpLastStep);
    if (step === null) return { ok: false, reason: "code_wrong" };
    if (!(await claim(row.id, step))) return { ok: false, reason: "code_wrong" };
  }
  return { ok: true, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}

/**
 * Uses up a second-factor code's step. Claimed with a condition rather than from a row read before:
 * two sign-ins racing with one code both pass the check, and only the first changes the row. The
 * loser was a reused code (false).
 */
export function claimTotpStep(db: Db, userId: number, step: number): boolean {
  const claimed = db
    .update(user)
    .set({ totpLastStep: step })
    .where(and(eq(user.id, userId), or(isNull(user.totpLastStep), lt(user.totpLastStep, step))))
    .run();
  return claimed.changes > 0;
}

/**
 * Gives a user an authenticator secret (replacing any earlier one) and returns it to show once. The
 * new secret's codes have never been used, so what the old one used is forgotten with it.
 */
export function setAuthenticator(db: Db, email: string) {
  const row = db.select({ id: user.id }).from(user).where(eq(user.email, email)).get();
  if (!row) throw new AppError("NOT_FOUND", "No user with that email.");
  const secret = newTotpSecret();
  db.update(user).set({ totpSecret: secret, totpLastStep: null }).where(eq(user.id, row.id)).run();
  return { secret, otpauthUrl: otpauthUrl(secret, email) };
}

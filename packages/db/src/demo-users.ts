// The demo users on a database that is about to face a network: finding them, and taking them away.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client.ts";
import { DEMO_USERS } from "./seed.ts";
import { session, user } from "./schema.ts";

const DEMO_EMAILS = DEMO_USERS.map((u) => u.email);

/** Emails of the demo users who can still sign in (their password and the admin's secret are public). */
export function activeDemoUsers(db: Db): string[] {
  return db
    .select({ email: user.email })
    .from(user)
    .where(and(inArray(user.email, DEMO_EMAILS), eq(user.active, true)))
    .all()
    .map((u) => u.email);
}

/**
 * Removes the demo users. One that nothing refers to is deleted; one that records refer to (calls
 * they logged, audit entries, which must stay as they are) is kept as a name, and can never sign in
 * again: deactivated, its password and authenticator wiped, its sessions ended.
 */
export function removeDemoUsers(db: Db): { deleted: string[]; deactivated: string[] } {
  const deleted: string[] = [];
  const deactivated: string[] = [];
  db.transaction((tx) => {
    for (const row of tx.select({ id: user.id, email: user.email }).from(user).where(inArray(user.email, DEMO_EMAILS)).all()) {
      tx.delete(session).where(eq(session.userId, row.id)).run();
      try {
        // A savepoint: a refusal by a foreign key undoes this delete only.
        tx.transaction((inner) => void inner.delete(user).where(eq(user.id, row.id)).run());
        deleted.push(row.email);
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_FOREIGNKEY") throw error;
        tx.update(user).set({ active: false, passwordHash: "!", totpSecret: null, totpLastStep: null }).where(eq(user.id, row.id)).run();
        deactivated.push(row.email);
      }
    }
  });
  return { deleted, deactivated };
}

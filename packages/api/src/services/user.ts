// People who sign in: creating them (from the command line) and checking their password.
import { eq } from "drizzle-orm";
import type { Db } from "@intake/db";
import { schema } from "@intake/db";
import type { SessionUser, UserCreateInput } from "@intake/domain";
import { AppError } from "../errors.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.ts";

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

/** The user whose password matches, or null; an unknown email costs the same time as a wrong password. */
export async function checkCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const row = db.select().from(user).where(eq(user.email, email)).get();
  if (!row || !row.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(row.passwordHash, password))) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

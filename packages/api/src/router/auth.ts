// Signing in and out, and who is signed in.
import { TRPCError } from "@trpc/server";
import { SignInInput } from "@intake/domain";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";
import { createSession, endSession, resolveSession } from "../services/session.ts";
import { checkCredentials } from "../services/user.ts";
import { clearFailures, releaseAttempt, reserveAttempt, throttleKeys } from "../services/throttle.ts";

/**
 * What a refused sign-in says: never whether the email exists; the code is asked only after the right
 * password; a code used already is answered as a wrong one, so a replay learns nothing.
 */
const SIGN_IN_REFUSALS = {
  credentials: "Email or password is not right.",
  code_needed: "Enter the 6-digit code from your authenticator app.",
  code_wrong: "The authentication code is not right. Each code works once: enter the code your app shows now, or wait for the next one.",
  no_authenticator: "This administrator account has no authenticator yet. Ask for one to be set up (pnpm intake user totp).",
} as const;

export const authRouter = router({
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    // Counted before the password is checked, so a burst sent at once cannot outrun the count.
    const attempt = reserveAttempt(ctx.db, throttleKeys(input.email, ctx.ip), ctx.now());
    if (!attempt.ok) {
      const minutes = Math.ceil(attempt.waitMs / 60_000);
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      });
    }
    const check = await checkCredentials(ctx.db, input.email, input.password, input.code, ctx.now());
    // A wrong password or code keeps its count; the right password (with or without its code to come) gives it back.
    if (check.ok || check.reason === "code_needed") releaseAttempt(ctx.db, attempt.reservation);
    if (!check.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_REFUSALS[check.reason] });
    const user = check.user;
    clearFailures(ctx.db, input.email);
    ctx.audit.actor = user;
    const { token, expiresAt } = createSession(ctx.db, user.id, ctx.now(), ctx.ip);
    ctx.cookie.set(token, expiresAt);
    return user;
  }),
  signOut: publicProcedure.mutation(({ ctx }) => {
    if (ctx.cookie.token) {
      // Known for the audit trail: who signed out.
      const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now(), { touch: false, idleMs: ctx.settings.sessionIdleMs });
      if (found.status === "ok") ctx.audit.actor = found.user;
      endSession(ctx.db, ctx.cookie.token);
      // The same person's other tabs hold live streams on this session: they close now, saying why.
      ctx.events.emit({ kind: "session.check" });
    }
    ctx.cookie.clear();
    return { ok: true as const };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});

// Signing in and out, and who is signed in.
import { TRPCError } from "@trpc/server";
import { SignInInput } from "@intake/domain";
import { protectedProcedure, publicProcedure, router, write } from "../trpc.ts";
import { resolveSession } from "../services/session.ts";
import { checkCredentials } from "../services/user.ts";
import { throttleKeys } from "../services/throttle.ts";

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
    const attempt = await ctx.writes.run("auth.reserve", { keys: throttleKeys(input.email, ctx.ip), now: ctx.now() });
    if (!attempt.ok) {
      const minutes = Math.ceil(attempt.waitMs / 60_000);
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      });
    }
    // The password hash is checked here, on the request thread: the writer is not held while it runs.
    const check = await checkCredentials(ctx.db, input.email, input.password, input.code, ctx.now(), (userId, step) =>
      ctx.writes.run("auth.claimTotp", { userId, step }),
    );
    // A wrong password or code keeps its count; the right password waiting for its code gives it back.
    if (!check.ok && check.reason === "code_needed") await ctx.writes.run("auth.release", attempt.reservation);
    if (!check.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_REFUSALS[check.reason] });
    const user = check.user;
    ctx.audit.actor = user;
    // The attempt given back, the failures cleared and the session started, with the audit entry.
    const { session, ...signedIn } = await write(ctx, "auth.signIn", { user, email: input.email, reservation: attempt.reservation, ip: ctx.ip }, user);
    ctx.cookie.set(session.token, session.expiresAt);
    return signedIn;
  }),
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.cookie.token) {
      // Known for the audit trail: who signed out. The session is ended below whatever it finds.
      const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now(), { touch: false, idleMs: ctx.settings.sessionIdleMs, write: () => {} });
      if (found.status === "ok") ctx.audit.actor = found.user;
      // Its other tabs' live streams close once it is ended (threads/mutations.ts).
      await write(ctx, "auth.signOut", { token: ctx.cookie.token });
    }
    ctx.cookie.clear();
    return { ok: true as const };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});

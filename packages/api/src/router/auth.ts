// Signing in and out, and who is signed in.
import { TRPCError } from "@trpc/server";
import { SignInInput } from "@intake/domain";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";
import { createSession, endSession, resolveSession } from "../services/session.ts";
import { checkCredentials } from "../services/user.ts";
import { clearFailures, recordFailure, throttleKeys, waitFor } from "../services/throttle.ts";

export const authRouter = router({
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const keys = throttleKeys(input.email, ctx.ip);
    const wait = waitFor(ctx.db, keys, ctx.now());
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      });
    }
    const user = await checkCredentials(ctx.db, input.email, input.password);
    if (!user) {
      recordFailure(ctx.db, keys, ctx.now());
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is not right." });
    }
    clearFailures(ctx.db, input.email);
    ctx.audit.actor = user;
    const { token, expiresAt } = createSession(ctx.db, user.id, ctx.now(), ctx.ip);
    ctx.cookie.set(token, expiresAt);
    return user;
  }),
  signOut: publicProcedure.mutation(({ ctx }) => {
    if (ctx.cookie.token) {
      // Known for the audit trail: who signed out.
      const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now(), { touch: false });
      if (found.status === "ok") ctx.audit.actor = found.user;
      endSession(ctx.db, ctx.cookie.token);
    }
    ctx.cookie.clear();
    return { ok: true as const };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});

// Signing in and out, and who is signed in.
import { TRPCError } from "@trpc/server";
import { SignInInput } from "@intake/domain";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";
import { createSession, endSession } from "../services/session.ts";
import { checkCredentials } from "../services/user.ts";

export const authRouter = router({
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const user = await checkCredentials(ctx.db, input.email, input.password);
    if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is not right." });
    const { token, expiresAt } = createSession(ctx.db, user.id, ctx.now(), ctx.ip);
    ctx.cookie.set(token, expiresAt);
    return user;
  }),
  signOut: publicProcedure.mutation(({ ctx }) => {
    if (ctx.cookie.token) endSession(ctx.db, ctx.cookie.token);
    ctx.cookie.clear();
    return { ok: true as const };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
});

// The one place tRPC is created: the error shape clients see, and the procedures with their guards.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { can, type Capability, type Role, type SessionUser } from "@intake/domain";
import type { Context } from "./context.ts";
import { AppError } from "./errors.ts";
import { resolveSession } from "./services/session.ts";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Pings keep proxies from closing a quiet live stream; a client that hears nothing reconnects.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    if (zod) {
      const fieldErrors = z.flattenError(zod).fieldErrors as Record<string, string[] | undefined>;
      const summary = zod.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      return { ...shape, message: summary, data: { ...shape.data, stack: undefined, fieldErrors } };
    }
    // An unexpected failure says nothing about what it touched: the message could hold patient data.
    if (error.code === "INTERNAL_SERVER_ERROR") {
      return { ...shape, message: "Something went wrong on the server. Try again.", data: { ...shape.data, stack: undefined } };
    }
    return { ...shape, data: { ...shape.data, stack: undefined } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Services throw AppError in the domain's words; clients receive the matching tRPC code. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw new TRPCError({ code: result.error.cause.code, message: result.error.cause.message });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now());
  if (found.status !== "ok") {
    if (ctx.cookie.token) ctx.cookie.clear();
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: found.status === "expired" ? "Your session has expired. Sign in again." : "Sign in to continue.",
    });
  }
  return next({ ctx: { ...ctx, user: found.user } });
});

export type AuthedContext = Context & { user: SessionUser };

/** A procedure open to the roles that hold a capability (roles.ts is the one table of who may). */
export function capabilityProcedure(capability: Capability) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.user.role, capability)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next({ ctx });
  });
}

export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next({ ctx });
  });
}

// The one place tRPC is created: the error shape clients see, and the procedures with their guards.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError, ZodRealError } from "zod";
import { can, type Capability, type SessionUser } from "@intake/domain";
import type { Context } from "./context.ts";
import { AppError } from "./errors.ts";
import { resolveSession, type SessionWrite } from "./services/session.ts";
import { AUDIT_POLICY, UNLISTED } from "./audit/policy.ts";
import { mutate } from "./threads/executor.ts";
import { serializeAnswer } from "./wire.ts";
import type { MutationInput, MutationName, MutationResult } from "./threads/mutations.ts";

/** Deeper than any input of ours: the dashboard's deepest (screening answers with superjson's meta) is under 10. */
export const MAX_INPUT_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max`, walked without recursion (a deep value cannot overflow the stack). */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** superjson's reading of what came over the wire (its own type for that is not `unknown`). */
const readSuperjson = (value: unknown) => superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);

/**
 * superjson, refusing a deeply nested input before it walks it (its walk recurses: thousands of
 * levels answered "Maximum call stack size exceeded"). The answer is a 400 that says why.
 */
const transformer = {
  input: {
    serialize: (value: unknown) => superjson.serialize(value),
    deserialize: (value: unknown) => {
      if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `The request is nested too deeply (more than ${MAX_INPUT_DEPTH} levels). Send it as the dashboard does.`,
        });
      }
      return readSuperjson(value);
    },
  },
  // The same format, written in one pass for plain data (wire.ts); clients read it with superjson.
  output: { serialize: serializeAnswer, deserialize: readSuperjson },
};

const t = initTRPC.context<Context>().create({
  transformer,
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

/** Services throw AppError in the domain's words; clients receive the matching tRPC code. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const { code, message, field } = result.error.cause;
    // About one field: shaped like a schema's refusal, so the answer carries it in fieldErrors.
    const cause = field ? new ZodRealError([{ code: "custom", path: [field], message, input: undefined }]) : undefined;
    throw new TRPCError({ code, message, cause });
  }
  return result;
});

/** One procedure call's trail: its path, the session's own write waiting to go, whether the entry is stored. */
export interface Trail {
  path: string;
  session: SessionWrite | null;
  stored: boolean;
}

/**
 * Every call of a procedure that touches patient data leaves one audit entry — allowed, refused or
 * failed — with who, role, what, which record ids and from where (audit/policy.ts says which).
 * It runs before validation and sign-in, so it reads the raw input: the policy keeps an input id
 * only when it is one the schemas accept, and the log bounds every field it stores.
 * A change goes to the writer with its entry (`write` below): both commit in one transaction. What
 * did not get that far (a read, a refusal, a failure before the writer) is appended here, as a job
 * of its own with the session's last-seen; this connection never writes.
 */
const auditTrail = t.middleware(async ({ ctx, path, getRawInput, next }) => {
  // The auth guard names the actor for this call; nothing carries over from an earlier one.
  ctx.audit.actor = null;
  const trail: Trail = { path, session: null, stored: false };
  const result = await next({ ctx: { trail } });
  if (trail.stored) return result;
  const spec = Object.hasOwn(AUDIT_POLICY, path) ? AUDIT_POLICY[path] : UNLISTED;
  const session = trail.session;
  if (!spec) {
    if (session) await ctx.writes.run("session.write", session);
    return result;
  }
  const input = await getRawInput().catch(() => undefined);
  const code = result.ok ? null : result.error.code;
  const outcome = result.ok ? "ok" : code === "FORBIDDEN" || code === "UNAUTHORIZED" ? "denied" : "failed";
  // Set during next() by the auth guard; TypeScript cannot see that write, hence the widening.
  const actor = ctx.audit.actor as SessionUser | null;
  // In a group commit with other requests' writes; the answer waits until the entry is stored.
  await ctx.writes.run("audit.append", {
    at: ctx.now().getTime(),
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: path,
    recordType: spec.record,
    recordId: result.ok ? spec.id(input, result.data) : spec.id(input, undefined),
    ip: ctx.ip,
    outcome,
    session,
  });
  return result;
});

/**
 * A procedure's change, run by the writer as one job with the procedure's audit entry (and the
 * session's last-seen): see threads/mutations.ts. Answers once committed; live screens hear of it then.
 */
export function write<K extends MutationName>(
  ctx: Context & { trail: Trail },
  name: K,
  input: MutationInput<K>,
  actor: SessionUser | null = ctx.audit.actor,
): Promise<MutationResult<K>> {
  const { trail } = ctx;
  const session = trail.session;
  trail.session = null;
  const job = { name, input, actor, now: ctx.now().getTime(), audit: { path: trail.path, ip: ctx.ip }, session };
  return mutate(ctx.writes, ctx.events, job, () => void (trail.stored = true));
}

export const publicProcedure = t.procedure.use(auditTrail).use(mapAppErrors);

/** A request the dashboard made with nobody at the keyboard for this long is not activity. */
const IDLE_REQUEST_MS = 60_000;

/** The answer when there is no session (any more): to a request, and at the end of a live stream. */
export function sessionRefusal(status: "expired" | "none"): TRPCError {
  return new TRPCError({
    code: "UNAUTHORIZED",
    message: status === "expired" ? "Your session has expired. Sign in again." : "Sign in to continue.",
  });
}

/**
 * Who is asking: the session behind the cookie, refused when there is none or it has lapsed. Its
 * own write (last-seen, or a lapsed session's removal) rides with the call's job to the writer.
 */
function signedInUser(ctx: Context & { trail: Trail }) {
  const unattended = ctx.clientIdleMs != null && ctx.clientIdleMs > IDLE_REQUEST_MS;
  const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now(), {
    touch: !unattended,
    idleMs: ctx.settings.sessionIdleMs,
    write: (change) => void (ctx.trail.session = change),
  });
  if (found.status !== "ok") {
    if (ctx.cookie.token) ctx.cookie.clear();
    throw sessionRefusal(found.status);
  }
  ctx.audit.actor = found.user;
  return found.user;
}

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => next({ ctx: { user: signedInUser(ctx) } }));

/**
 * A procedure open to the roles that hold a capability (roles.ts is the one table of who may).
 * One guard for session and role: each middleware level costs every request a context merge.
 */
export function capabilityProcedure(capability: Capability) {
  return publicProcedure.use(({ ctx, next }) => {
    const user = signedInUser(ctx);
    if (!can(user.role, capability)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next({ ctx: { user } });
  });
}

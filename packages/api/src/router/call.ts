// Calls on the clinic's lines: log one, list them.
import { CallListInput, CallLogInput } from "@intake/domain";
import { capabilityProcedure } from "../trpc.ts";
import { findCalls, logCall } from "../services/call.ts";

/**
 * tRPC reserves `call` as a router key (clients may use `fn.call`), yet `call.log` is the
 * procedure path clients script against. Dotted keys give exactly that path on the wire
 * (`/trpc/call.log`); typed clients write `trpc["call.log"]`.
 */
export const callProcedures = {
  "call.log": capabilityProcedure("call.log")
    .input(CallLogInput)
    .mutation(({ ctx, input }) => logCall(ctx.db, input, ctx.user, ctx.now(), ctx.events)),
  "call.list": capabilityProcedure("call.read")
    .input(CallListInput)
    .query(({ ctx, input }) => findCalls(ctx.db, input)),
};

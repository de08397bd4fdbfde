// Calls on the clinic's lines: log one, list them.
import { callStartProblem, CallCompleteInput, CallListInput, CallLogInput } from "@intake/domain";
import { AppError } from "../errors.ts";
import { capabilityProcedure, write } from "../trpc.ts";
import { findCalls } from "../services/call.ts";
import type { CallLiveEvent } from "../events.ts";
import { liveEvents } from "./live.ts";
import { liveCalls } from "../services/telephony.ts";

/**
 * tRPC reserves `call` as a router key (clients may use `fn.call`), yet `call.log` is the
 * procedure path clients script against. Dotted keys give exactly that path on the wire
 * (`/trpc/call.log`); typed clients write `trpc["call.log"]`.
 */
export const callProcedures = {
  "call.log": capabilityProcedure("call.log")
    .input(CallLogInput)
    // Written with its audit entry in a group commit (on the server's writer thread), announced once it is stored.
    .mutation(({ ctx, input }) => {
      const late = callStartProblem(input.startedAt, ctx.now());
      if (late) throw new AppError("BAD_REQUEST", late, "startedAt");
      return write(ctx, "call.log", input);
    }),
  "call.list": capabilityProcedure("call.read")
    .input(CallListInput)
    .query(({ ctx, input }) => findCalls(ctx.db, input)),
  /**
   * Calls ringing or answered now (not stale ones), and ended ones the phone system logged that await
   * a coordinator: the newest 50 as `items`, and how many more there are as `more`.
   */
  "call.live": capabilityProcedure("call.log").query(({ ctx }) => liveCalls(ctx.db, ctx.now())),
  "call.complete": capabilityProcedure("call.log")
    .input(CallCompleteInput)
    .mutation(({ ctx, input }) => write(ctx, "call.complete", input)),
  /** `ready` on each (re)connection, then one event per change of a live call (ids only). */
  "call.onLive": capabilityProcedure("call.log").subscription(({ ctx, signal }) =>
    liveEvents(ctx, signal, (event): event is CallLiveEvent => event.kind === "call.live"),
  ),
};

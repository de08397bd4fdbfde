// The conversion funnel for managers: a cohort's figures, and the named leads behind one bar.
import { FunnelInput, FunnelLeadsInput } from "@intake/domain";
import type { Context } from "../context.ts";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelBehind, funnelLeads } from "../services/funnel.ts";

/**
 * The funnel's rows of leads changed since the writer last caught up, brought up to date before a
 * figure is read (the readers do not write). While the desk's writes are queued at the writer, a
 * figure does not wait behind them: it may miss the calls of the last moments, which the writer
 * catches up between its commits (threads/thread.ts).
 */
export async function funnelCaughtUp(ctx: Context): Promise<void> {
  if (!funnelBehind(ctx.db) || (ctx.writes.pending?.() ?? 0) > 0) return;
  await ctx.writes.run("funnel.sync", {});
}

export const funnelRouter = router({
  get: capabilityProcedure("funnel.read")
    .input(FunnelInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("funnel.get", input))),
  /** Names patients, so it is its own procedure: a PHI read the audit trail records. */
  leads: capabilityProcedure("funnel.leads")
    .input(FunnelLeadsInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), funnelLeads(ctx.db, input))),
});

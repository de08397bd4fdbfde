// The conversion funnel for managers: a cohort's figures, and the named leads behind one bar.
import { FunnelInput, FunnelLeadsInput } from "@intake/domain";
import type { Context } from "../context.ts";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelBehind, funnelLeads } from "../services/funnel.ts";

/**
 * The writer brings the funnel's rows up to date in each commit (threads/thread.ts), so normally
 * nothing is behind. What a larger change left (a migration, a bulk change) is worked off before a
 * figure is read when the writer has nothing else queued (the readers do not write); while the
 * desk's writes are queued, a figure does not wait behind them.
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

// The conversion funnel for managers: a cohort's figures, and the named leads behind one bar.
import { FunnelInput, FunnelLeadsInput } from "@intake/domain";
import type { Context } from "../context.ts";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelLeads } from "../services/funnel.ts";

/**
 * The funnel's rows of leads changed since the writer last caught up, brought up to date before a
 * figure is read (the readers do not write). The writer keeps up between the desk's commits, so
 * little is left here even after a burst.
 */
export const funnelCaughtUp = (ctx: Context) => ctx.writes.run("funnel.sync", {});

export const funnelRouter = router({
  get: capabilityProcedure("funnel.read")
    .input(FunnelInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("funnel.get", input))),
  /** Names patients, so it is its own procedure: a PHI read the audit trail records. */
  leads: capabilityProcedure("funnel.leads")
    .input(FunnelLeadsInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), funnelLeads(ctx.db, input))),
});

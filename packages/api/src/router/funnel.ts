// The conversion funnel for managers: a cohort's figures, and the named leads behind one bar.
import { FunnelInput, FunnelLeadsInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelLeads } from "../services/funnel.ts";

export const funnelRouter = router({
  get: capabilityProcedure("funnel.read")
    .input(FunnelInput)
    .query(({ ctx, input }) => ctx.reports.run("funnel.get", input)),
  /** Names patients, so it is its own procedure: a PHI read the audit trail records. */
  leads: capabilityProcedure("funnel.leads")
    .input(FunnelLeadsInput)
    .query(({ ctx, input }) => funnelLeads(ctx.db, input)),
});

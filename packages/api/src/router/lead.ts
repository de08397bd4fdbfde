// Leads: list, read one, edit contact fields, move along the lifecycle.
import { LeadByIdInput, LeadDuplicatesInput, LeadListInput, LeadMergeInput, LeadTransitionInput, LeadUpdateInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { findLeads, getLeadDetail } from "../services/lead.ts";
import { findDuplicates } from "../services/merge.ts";

export const leadRouter = router({
  list: capabilityProcedure("lead.read")
    .input(LeadListInput)
    .query(({ ctx, input }) => findLeads(ctx.db, input)),
  byId: capabilityProcedure("lead.read")
    .input(LeadByIdInput)
    .query(({ ctx, input }) => getLeadDetail(ctx.db, input.id, ctx.user)),
  update: capabilityProcedure("lead.write")
    .input(LeadUpdateInput)
    .mutation(({ ctx, input }) => write(ctx, "lead.update", input)),
  transition: capabilityProcedure("lead.transition")
    .input(LeadTransitionInput)
    // A clinician moves only leads handed to them (threads/mutations.ts).
    .mutation(({ ctx, input }) => write(ctx, "lead.transition", input)),
  duplicates: capabilityProcedure("lead.read")
    .input(LeadDuplicatesInput)
    .query(({ ctx, input }) => findDuplicates(ctx.db, input.leadId)),
  merge: capabilityProcedure("lead.merge")
    .input(LeadMergeInput)
    .mutation(({ ctx, input }) => write(ctx, "lead.merge", input)),
});

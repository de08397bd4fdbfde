// Leads: list, read one, edit contact fields, move along the lifecycle.
import { LeadByIdInput, LeadDuplicatesInput, LeadListInput, LeadMergeInput, LeadTransitionInput, LeadUpdateInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { clinicianTransition } from "../services/handoff.ts";
import { findLeads, getLeadDetail, transitionLead, updateLead } from "../services/lead.ts";
import { findDuplicates, mergeLeads } from "../services/merge.ts";

export const leadRouter = router({
  list: capabilityProcedure("lead.read")
    .input(LeadListInput)
    .query(({ ctx, input }) => findLeads(ctx.db, input)),
  byId: capabilityProcedure("lead.read")
    .input(LeadByIdInput)
    .query(({ ctx, input }) => getLeadDetail(ctx.db, input.id, ctx.user)),
  update: capabilityProcedure("lead.write")
    .input(LeadUpdateInput)
    .mutation(({ ctx, input }) => updateLead(ctx.db, input, ctx.now())),
  transition: capabilityProcedure("lead.transition")
    .input(LeadTransitionInput)
    .mutation(({ ctx, input }) => {
      // A clinician moves only leads handed to them, and clears one through the review.
      if (ctx.user.role === "clinician") return clinicianTransition(ctx.db, input, ctx.user, ctx.now(), ctx.events);
      const moved = transitionLead(ctx.db, { ...input, actor: ctx.user, now: ctx.now() });
      // A lead closed or reopened by hand leaves or joins the work queue's groups.
      ctx.events.emit({ kind: "lead.changed", leadId: moved.id });
      return moved;
    }),
  duplicates: capabilityProcedure("lead.read")
    .input(LeadDuplicatesInput)
    .query(({ ctx, input }) => findDuplicates(ctx.db, input.leadId)),
  merge: capabilityProcedure("lead.merge")
    .input(LeadMergeInput)
    .mutation(({ ctx, input }) => {
      const result = mergeLeads(ctx.db, input, ctx.user, ctx.now());
      // Both leads change groups in the work queue (the merged one leaves it).
      ctx.events.emit({ kind: "lead.changed", leadId: input.survivorId });
      ctx.events.emit({ kind: "lead.changed", leadId: input.mergedId });
      return result;
    }),
});

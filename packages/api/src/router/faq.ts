// The clinic's answers panel: read by every signed-in role, edited by admins, claims approved by clinicians.
import { FaqIdInput, FaqListInput, FaqUpdateInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { approveFaq, faqHistory, listFaq, updateFaq } from "../services/faq.ts";

export const faqRouter = router({
  list: capabilityProcedure("faq.read")
    .input(FaqListInput)
    .query(({ ctx, input }) => listFaq(ctx.db, input?.language ?? "en", ctx.user.role)),
  update: capabilityProcedure("faq.edit")
    .input(FaqUpdateInput)
    .mutation(({ ctx, input }) => updateFaq(ctx.db, input, ctx.user, ctx.now())),
  approve: capabilityProcedure("faq.approve")
    .input(FaqIdInput)
    .mutation(({ ctx, input }) => approveFaq(ctx.db, input.id, ctx.user, ctx.now())),
  history: capabilityProcedure("faq.history")
    .input(FaqIdInput)
    .query(({ ctx, input }) => faqHistory(ctx.db, input.id)),
});

// The clinic's answers panel: read by every signed-in role, edited by admins, claims approved by clinicians.
import { FaqIdInput, FaqListInput, FaqUpdateInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { faqHistory, listFaq } from "../services/faq.ts";

export const faqRouter = router({
  list: capabilityProcedure("faq.read")
    .input(FaqListInput)
    .query(({ ctx, input }) => listFaq(ctx.db, input?.language ?? "en", ctx.user.role)),
  update: capabilityProcedure("faq.edit")
    .input(FaqUpdateInput)
    .mutation(({ ctx, input }) => write(ctx, "faq.update", input)),
  approve: capabilityProcedure("faq.approve")
    .input(FaqIdInput)
    .mutation(({ ctx, input }) => write(ctx, "faq.approve", input)),
  history: capabilityProcedure("faq.history")
    .input(FaqIdInput)
    .query(({ ctx, input }) => faqHistory(ctx.db, input.id)),
});

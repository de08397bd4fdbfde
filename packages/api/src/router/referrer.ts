// Referring providers: the desk and scheduling keep the list; managers and admins read it.
import { ReferralLetterInput, ReferrerByIdInput, ReferrerCreateInput, ReferrerListInput, ReferrerUpdateInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { getReferrer, listReferrers, referralLetterFor } from "../services/referrer.ts";

export const referrerRouter = router({
  create: capabilityProcedure("referrer.write")
    .input(ReferrerCreateInput)
    .mutation(({ ctx, input }) => write(ctx, "referrer.create", input)),
  update: capabilityProcedure("referrer.write")
    .input(ReferrerUpdateInput)
    .mutation(({ ctx, input }) => write(ctx, "referrer.update", input)),
  list: capabilityProcedure("referrer.read")
    .input(ReferrerListInput)
    .query(({ ctx, input }) => listReferrers(ctx.db, input)),
  byId: capabilityProcedure("referrer.read")
    .input(ReferrerByIdInput)
    .query(({ ctx, input }) => getReferrer(ctx.db, input.id)),
  /** A disclosure to the provider: audited as an export of the lead. */
  letter: capabilityProcedure("referrer.letter")
    .input(ReferralLetterInput)
    .query(({ ctx, input }) => referralLetterFor(ctx.db, input, ctx.user)),
});

// Screening on the phone: start or resume, autosave, complete, read.
import {
  ScreeningByLeadInput,
  ScreeningCompleteInput,
  ScreeningFormInput,
  ScreeningSaveInput,
  ScreeningStartInput,
  screeningFormIn,
  scriptLanguageFor,
} from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { completeScreening, escalateScreening, saveScreening, screeningByLead, startScreening } from "../services/screening.ts";

export const screeningRouter = router({
  start: capabilityProcedure("screening.work")
    .input(ScreeningStartInput)
    .mutation(({ ctx, input }) => startScreening(ctx.db, input.leadId, ctx.user, ctx.now())),
  save: capabilityProcedure("screening.work")
    .input(ScreeningSaveInput)
    .mutation(({ ctx, input }) => saveScreening(ctx.db, input, ctx.now())),
  complete: capabilityProcedure("screening.work")
    .input(ScreeningCompleteInput)
    .mutation(({ ctx, input }) => completeScreening(ctx.db, input.id, ctx.user, ctx.now(), ctx.events)),
  /** Alerts the clinical pool now when the answers so far are urgent; the screen goes on. */
  escalate: capabilityProcedure("screening.work")
    .input(ScreeningCompleteInput)
    .mutation(({ ctx, input }) => escalateScreening(ctx.db, input.id, ctx.user, ctx.now(), ctx.events)),
  /** The form the screen renders: scripts in the caller's language, the English beside them, the same ids. */
  form: capabilityProcedure("screening.read")
    .input(ScreeningFormInput)
    .query(({ input }) => screeningFormIn(scriptLanguageFor(input.language))),
  byLead: capabilityProcedure("screening.read")
    .input(ScreeningByLeadInput)
    .query(({ ctx, input }) => screeningByLead(ctx.db, input.leadId, ctx.user, ctx.now())),
});

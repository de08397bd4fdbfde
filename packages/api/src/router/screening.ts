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
import { capabilityProcedure, router, write } from "../trpc.ts";
import { screeningByLead } from "../services/screening.ts";

export const screeningRouter = router({
  start: capabilityProcedure("screening.work")
    .input(ScreeningStartInput)
    .mutation(({ ctx, input }) => write(ctx, "screening.start", input)),
  save: capabilityProcedure("screening.work")
    .input(ScreeningSaveInput)
    .mutation(({ ctx, input }) => write(ctx, "screening.save", { ...input, ip: ctx.ip })),
  complete: capabilityProcedure("screening.work")
    .input(ScreeningCompleteInput)
    .mutation(({ ctx, input }) => write(ctx, "screening.complete", input)),
  /** Alerts the clinical pool now when the answers so far are urgent; the screen goes on. */
  escalate: capabilityProcedure("screening.work")
    .input(ScreeningCompleteInput)
    .mutation(({ ctx, input }) => write(ctx, "screening.escalate", input)),
  /** The form the screen renders: scripts in the caller's language, the English beside them, the same ids. */
  form: capabilityProcedure("screening.read")
    .input(ScreeningFormInput)
    .query(({ input }) => screeningFormIn(scriptLanguageFor(input.language))),
  byLead: capabilityProcedure("screening.read")
    .input(ScreeningByLeadInput)
    .query(({ ctx, input }) => screeningByLead(ctx.db, input.leadId, ctx.user, ctx.now())),
});

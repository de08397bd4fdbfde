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
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { consentFromScreening } from "../services/messaging.ts";
import { completeScreening, escalateScreening, saveScreening, screeningByLead, startScreening } from "../services/screening.ts";

export const screeningRouter = router({
  start: capabilityProcedure("screening.work")
    .input(ScreeningStartInput)
    .mutation(({ ctx, input }) => startScreening(ctx.db, input.leadId, ctx.user, ctx.now())),
  save: capabilityProcedure("screening.work")
    .input(ScreeningSaveInput)
    .mutation(async ({ ctx, input }) => {
      const saved = saveScreening(ctx.db, input, ctx.now());
      // "May we send text messages?" is the caller's consent to texts (or its withdrawal): recorded on the lead, audited.
      const textOk = (saved.answers as { caller?: { textOk?: unknown } }).caller?.textOk;
      if (consentFromScreening(ctx.db, saved.leadId, textOk, ctx.user, ctx.now())) {
        await ctx.writes.run("audit.append", {
          at: ctx.now().getTime(),
          actorId: ctx.user.id,
          actorRole: ctx.user.role,
          action: SERVER_ACTIONS.textConsent,
          recordType: "lead",
          recordId: String(saved.leadId),
          ip: ctx.ip,
          outcome: "ok",
        });
      }
      return saved;
    }),
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

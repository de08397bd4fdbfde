// The FHIR R4 export of a lead: the transaction bundle, "Send to EHR", and the last send's answer.
import { FhirBundleInput, FhirSendInput, FhirStatusInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { ehrStatus, fhirBundle, sendToEhr } from "../services/fhir.ts";

export const fhirRouter = router({
  bundle: capabilityProcedure("fhir.export")
    .input(FhirBundleInput)
    .query(({ ctx, input }) => fhirBundle(ctx.db, input.leadId, ctx.user, ctx.now())),
  send: capabilityProcedure("fhir.send")
    .input(FhirSendInput)
    .mutation(({ ctx, input }) => sendToEhr(ctx.db, ctx.fhirBaseUrl, input.leadId, ctx.user, ctx.now, (sent) => write(ctx, "fhir.send", sent))),
  status: capabilityProcedure("fhir.export")
    .input(FhirStatusInput)
    .query(({ ctx, input }) => ehrStatus(ctx.db, ctx.fhirBaseUrl, input.leadId, ctx.user)),
});

// Inputs of the FHIR export and of "Send to EHR", and what a send records of the EHR's answer.
import { z } from "zod";
import { Id } from "../common.ts";

export const FhirBundleInput = z.object({ leadId: Id });
export type FhirBundleInput = z.infer<typeof FhirBundleInput>;

export const FhirSendInput = z.object({ leadId: Id });
export type FhirSendInput = z.infer<typeof FhirSendInput>;

export const FhirStatusInput = z.object({ leadId: Id });
export type FhirStatusInput = z.infer<typeof FhirStatusInput>;

/** What the EHR answered a send, as recorded on the lead. `httpStatus` is null when it could not be reached. */
export interface FhirSendRecord {
  at: Date;
  httpStatus: number | null;
  ok: boolean;
  /** Where the EHR put the patient (the Location it returned), when it said. */
  location: string | null;
  /** The EHR's own words: how many entries it took, or its OperationOutcome's first issue. */
  outcome: string;
}

/** The longest outcome text kept from an EHR's answer. */
export const FHIR_OUTCOME_MAX = 500;

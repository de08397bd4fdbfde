// Handing a lead on with a structured SBAR note, and a clinician's review of a flagged screen.
import { z } from "zod";
import { Id, plainText } from "../common.ts";

export const HANDOFF_TARGETS = ["scheduling", "clinician", "clinical_pool"] as const;
export type HandoffTarget = (typeof HANDOFF_TARGETS)[number];

const noteField = (what: string) =>
  z.string().trim().min(1, `Write the ${what.toLowerCase()}`).max(4000, `${what} can be at most 4000 characters`).superRefine(plainText(what, true));

export const HandoffCreateInput = z.object({
  leadId: Id,
  /** 'scheduling', 'clinical_pool', or one clinician by id. */
  to: z.union([z.literal("scheduling"), z.literal("clinical_pool"), z.object({ clinicianId: Id })], {
    message: "Hand off to 'scheduling', 'clinical_pool' or { clinicianId }",
  }),
  situation: noteField("Situation"),
  background: noteField("Background"),
  /** Left out, the server writes it from the screening result, flags and scores. */
  assessment: z.string().trim().max(4000, "Assessment can be at most 4000 characters").superRefine(plainText("Assessment", true)).optional(),
  recommendation: noteField("Recommendation"),
});
export type HandoffCreateInput = z.infer<typeof HandoffCreateInput>;

export const HandoffAcknowledgeInput = z.object({ id: Id });

export const REVIEW_DECISIONS = ["clear", "close"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ClinicianReviewInput = z.object({
  leadId: Id,
  decision: z.enum(REVIEW_DECISIONS, { message: "Decision must be clear or close" }),
  note: z.string().trim().min(3, "Write a note saying why").max(4000, "Note can be at most 4000 characters").superRefine(plainText("Note", true)),
});
export type ClinicianReviewInput = z.infer<typeof ClinicianReviewInput>;

export * from "./assessment.ts";

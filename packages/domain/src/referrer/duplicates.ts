// Duplicate leads and merging them (docs/domain.md, "Duplicates and merging").
import { z } from "zod";
import { Id, plainText } from "../common.ts";

/** Why two leads may be the same person, strongest first. */
export const DUPLICATE_REASONS = ["phone", "email", "name_and_birth_date"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];
export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  phone: "Same phone number",
  email: "Same email",
  name_and_birth_date: "Same name and date of birth",
};

export const LeadDuplicatesInput = z.object({ leadId: Id });

export const LeadMergeInput = z
  .object({
    /** The lead that stays: everything of the other moves to it. */
    survivorId: Id,
    /** The lead closed as `duplicate`, pointing at the survivor. */
    mergedId: Id,
    reason: z
      .string({ message: "Say why these leads are the same person" })
      .trim()
      .min(1, "Say why these leads are the same person")
      .max(500, "Reason can be at most 500 characters")
      .superRefine(plainText("Reason", true)),
  })
  .refine((v) => v.survivorId !== v.mergedId, { path: ["mergedId"], message: "Choose two different leads to merge" });
export type LeadMergeInput = z.infer<typeof LeadMergeInput>;

/** Names compared for duplicates: case, spacing and accents aside. */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  return key || null;
}

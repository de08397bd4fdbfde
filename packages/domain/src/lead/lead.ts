// Lead inputs: listing, reading, editing contact fields and moving status.
import { z } from "zod";
import { Id, Paging, plainText, UsPhone } from "../common.ts";
import { CallerLanguage } from "../language/language.ts";
import { LEAD_STATUSES } from "./lifecycle.ts";

export const CALLER_RELATIONS = ["self", "family", "provider"] as const;
export type CallerRelation = (typeof CALLER_RELATIONS)[number];
export const CALLER_RELATION_LABELS: Record<CallerRelation, string> = {
  self: "Patient",
  family: "Family member",
  provider: "Referring provider",
};

export const LEAD_SORTS = ["createdAt", "-createdAt", "updatedAt", "-updatedAt", "name", "-name", "status", "-status"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** A name (or part of one), a phone number in any format (whole, last 7 or last 4 digits), or a whole email. */
export const LeadSearch = z.string().trim().max(100, "Search can be at most 100 characters");

export const LeadListInput = z.object({
  ...Paging,
  sort: z.enum(LEAD_SORTS, { message: `Sort must be one of: ${LEAD_SORTS.join(", ")}` }).default("-createdAt"),
  status: z.enum(LEAD_STATUSES, { message: "Unknown status" }).optional(),
  search: LeadSearch.optional(),
});
export type LeadListInput = z.infer<typeof LeadListInput>;

export const LeadByIdInput = z.object({ id: Id });

export const LeadUpdateInput = z.object({
  id: Id,
  name: z.string().trim().min(1, "Enter a name or leave it out").max(200, "Name can be at most 200 characters").superRefine(plainText("Name")).optional(),
  phone: UsPhone.optional(),
  email: z.email("Enter an email address such as name@example.com").max(254).nullable().optional(),
  relation: z.enum(CALLER_RELATIONS, { message: "Caller must be the patient, a family member or a provider" }).optional(),
  source: z.string().trim().max(100, "Source can be at most 100 characters").superRefine(plainText("Source")).nullable().optional(),
  language: CallerLanguage.optional(),
  interpreterNeeded: z.boolean({ message: "Interpreter needed must be true or false" }).optional(),
  /** The referring provider who sent the patient (referrer.list), or null for none. */
  referrerId: Id.nullable().optional(),
  /** What the patient authorised: whether the clinic may tell the referring provider how the referral went. */
  mayUpdateReferrer: z.boolean({ message: "May update the referrer must be true or false" }).optional(),
});
export type LeadUpdateInput = z.infer<typeof LeadUpdateInput>;

export const LeadTransitionInput = z.object({
  id: Id,
  to: z.enum(LEAD_STATUSES, { message: `Status must be one of: ${LEAD_STATUSES.join(", ")}` }),
  reason: z.string().trim().max(500, "Reason can be at most 500 characters").superRefine(plainText("Reason", true)).optional(),
});
export type LeadTransitionInput = z.infer<typeof LeadTransitionInput>;

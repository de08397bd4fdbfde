// Referring providers (docs/domain.md, "Referring providers"): who sends patients to the clinic, and
// the inputs that create, change, list and read them.
import { z } from "zod";
import { Id, Paging, plainText, UsPhone } from "../common.ts";
import { isValidNpi } from "./npi.ts";

/** An NPI as typed: spaces and dashes are dropped, then ten digits with a valid check digit. */
export const Npi = z
  .string({ message: "Enter the provider's 10-digit NPI" })
  .max(20, "An NPI is 10 digits")
  .transform((v) => v.replace(/[\s-]/g, ""))
  .refine((v) => /^\d{10}$/.test(v), "An NPI is exactly 10 digits")
  .refine(isValidNpi, "This NPI's last digit does not match its check digit: check the number on the provider's letterhead");

const line = (what: string, max: number) =>
  z.string().trim().min(1, `Enter the ${what.toLowerCase()} or leave it out`).max(max, `${what} can be at most ${max} characters`).superRefine(plainText(what));

const referrerFields = {
  name: z
    .string({ message: "Enter the provider's name" })
    .trim()
    .min(1, "Enter the provider's name")
    .max(200, "Name can be at most 200 characters")
    .superRefine(plainText("Name")),
  npi: Npi.nullable().optional(),
  practice: line("Practice", 200).nullable().optional(),
  phone: UsPhone.nullable().optional(),
  fax: UsPhone.nullable().optional(),
  address: z.string().trim().max(500, "Address can be at most 500 characters").superRefine(plainText("Address", true)).nullable().optional(),
};

export const ReferrerCreateInput = z.object(referrerFields);
export type ReferrerCreateInput = z.infer<typeof ReferrerCreateInput>;

export const ReferrerUpdateInput = z.object({ id: Id, ...referrerFields, name: referrerFields.name.optional() });
export type ReferrerUpdateInput = z.infer<typeof ReferrerUpdateInput>;

export const ReferrerListInput = z.object({
  ...Paging,
  perPage: Paging.perPage.default(50),
  /** Part of a provider's name or practice, or a whole NPI. */
  search: z.string().trim().max(100, "Search can be at most 100 characters").superRefine(plainText("Search")).optional(),
});
export type ReferrerListInput = z.infer<typeof ReferrerListInput>;

export const ReferrerByIdInput = z.object({ id: Id });

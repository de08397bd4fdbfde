// Schemas every list and record shares: paging, ids, the phone field.
import { z } from "zod";
import { toE164 } from "./phone/phone.ts";

export const Id = z.number({ message: "Id must be a number" }).int("Id must be a whole number").positive("Id must be positive");

export const Paging = {
  page: z.number().int().min(1, "Page starts at 1").max(1_000_000).default(1),
  perPage: z.number().int().min(1, "Show at least 1 row").max(200, "Show at most 200 rows per page").default(25),
};

/** Accepts any common US way of writing a number and yields E.164; the message never repeats what was typed. */
export const UsPhone = z
  .string({ message: "Enter a phone number" })
  .max(40, "Phone number is too long")
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: "Enter a 10-digit US phone number, for example (818) 555-0142" });
      return z.NEVER;
    }
    return e164;
  });

export interface Page<T> {
  items: T[];
  total: number;
}

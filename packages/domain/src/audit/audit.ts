// Inputs for reading the audit trail: by time, user and record, sorted, paged.
import { z } from "zod";
import { boundedDate, Id, Paging } from "../common.ts";

export const AuditListInput = z.object({
  ...Paging,
  from: boundedDate().optional(),
  to: boundedDate().optional(),
  actorId: Id.optional(),
  recordType: z.string().trim().max(40).optional(),
  recordId: z
    .string()
    .trim()
    .regex(/^\d{1,12}$/, "Record id is a number")
    .optional(),
  action: z.string().trim().max(60).optional(),
  sort: z.enum(["at", "-at"]).default("-at"),
});
export type AuditListInput = z.infer<typeof AuditListInput>;
export const AuditExportInput = AuditListInput.omit({ page: true, perPage: true });
export type AuditExportInput = z.infer<typeof AuditExportInput>;

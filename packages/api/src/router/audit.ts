// The audit report for managers and admins: filter by time, user and record; sorted; CSV export.
import { AuditExportInput, AuditListInput, toCsv } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { findAudit } from "../audit/log.ts";

const EXPORT_LIMIT = 50_000;

export const auditRouter = router({
  list: capabilityProcedure("audit.read")
    .input(AuditListInput)
    .query(({ ctx, input }) => findAudit(ctx.db, input)),
  export: capabilityProcedure("audit.read")
    .input(AuditExportInput)
    .query(({ ctx, input }) => {
      const { items, total } = findAudit(ctx.db, { ...input, page: 1, perPage: EXPORT_LIMIT });
      const header = ["seq", "at", "actor_id", "actor", "role", "action", "record_type", "record_id", "ip", "outcome"];
      const rows = items.map((e) => [
        e.seq,
        new Date(e.at).toISOString(),
        e.actorId,
        e.actorName,
        e.actorRole,
        e.action,
        e.recordType,
        e.recordId,
        e.ip,
        e.outcome,
      ]);
      return { filename: "audit.csv", content: toCsv(header, rows), rows: items.length, truncated: total > items.length };
    }),
});

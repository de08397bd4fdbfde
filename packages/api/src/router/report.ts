// Reports for managers: the funnel's figures side by side per coordinator, source or line.
import { ReportInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { reportByCoordinator, reportByLine, reportBySource } from "../services/report.ts";

export const reportRouter = router({
  byCoordinator: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(({ ctx, input }) => reportByCoordinator(ctx.db, input)),
  bySource: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(({ ctx, input }) => reportBySource(ctx.db, input)),
  byLine: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(({ ctx, input }) => reportByLine(ctx.db, input)),
});

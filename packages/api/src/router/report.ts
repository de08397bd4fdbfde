// Reports for managers: the funnel's figures side by side per coordinator, source, line or language.
// The server computes them on its reports thread (threads/executor.ts).
import { ReportInput } from "@intake/domain";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelCaughtUp } from "./funnel.ts";

export const reportRouter = router({
  byCoordinator: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("report.byCoordinator", input))),
  bySource: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("report.bySource", input))),
  byLine: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("report.byLine", input))),
  byLanguage: capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run("report.byLanguage", input))),
});

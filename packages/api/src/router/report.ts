// Reports for managers: the funnel's figures side by side per coordinator, source, line, language, channel or campaign.
// The server computes them on its reports thread (threads/executor.ts).
import { ReportInput } from "@intake/domain";
import type { REPORT_OPS } from "../threads/ops.ts";
import { capabilityProcedure, router } from "../trpc.ts";
import { funnelCaughtUp } from "./funnel.ts";

/** One report: managers' input, computed by the reports thread's op of the same name. */
const report = <K extends keyof typeof REPORT_OPS & `report.${string}`>(op: K) =>
  capabilityProcedure("funnel.read")
    .input(ReportInput)
    .query(async ({ ctx, input }) => (await funnelCaughtUp(ctx), ctx.reports.run(op, input)));

export const reportRouter = router({
  byCoordinator: report("report.byCoordinator"),
  bySource: report("report.bySource"),
  byLine: report("report.byLine"),
  byLanguage: report("report.byLanguage"),
  byChannel: report("report.byChannel"),
  byCampaign: report("report.byCampaign"),
  byReferrer: report("report.byReferrer"),
});

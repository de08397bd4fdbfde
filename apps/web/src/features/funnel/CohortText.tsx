// The cohort in words ("Leads created Jan 5 – Mar 31, 2026 · source Google Ads"), shared by the dashboard and its drill-down.
import { useQuery } from "@tanstack/react-query";
import { LEAD_CHANNEL_LABELS } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import { addDays, type Cohort, type FunnelParams } from "./funnelParams.ts";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const day = (d: string) => dayFormat.format(new Date(`${d}T00:00:00Z`));

export function CohortText({ cohort, params }: { cohort: Cohort; params: FunnelParams }) {
  const trpc = useTRPC();
  const lines = useQuery({ ...trpc.line.list.queryOptions(), enabled: params.line !== undefined });
  // The same query the filters' coordinator choices use, so it is usually in the cache already.
  const coordinators = useQuery({
    ...trpc.report.byCoordinator.queryOptions({ from: cohort.from, to: addDays(cohort.through, 1) }),
    enabled: params.coordinator !== undefined,
  });
  const coordinator =
    params.coordinator === undefined
      ? undefined
      : (coordinators.data?.groups.find((g) => g.coordinatorId === params.coordinator)?.name ?? `user ${params.coordinator}`);
  const line = params.line === undefined ? undefined : (lines.data?.find((l) => l.id === params.line)?.label ?? `line ${params.line}`);
  const parts = [`Leads created ${day(cohort.from)} – ${day(cohort.through)} (clinic time)`];
  if (params.source) parts.push(`source ${params.source}`);
  if (line) parts.push(`line ${line}`);
  if (coordinator) parts.push(`coordinator ${coordinator}`);
  if (params.channel) parts.push(`came in by ${LEAD_CHANNEL_LABELS[params.channel].toLowerCase()}`);
  if (params.medium) parts.push(`medium ${params.medium}`);
  if (params.campaign) parts.push(`campaign ${params.campaign}`);
  return <>{parts.join(" · ")}</>;
}

// Who the scheduling page is about (name, phone, status, screening result, handoff note), from what this role may read.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { can, type LeadStatus, type PaymentOption, type ScreeningResult } from "@intake/domain";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { useUser } from "../auth/session.tsx";

type InboxEntry = RouterOutputs["handoff"]["inbox"]["unread"][number];
type QueueRow = RouterOutputs["scheduling"]["queue"]["items"][number];
type AppointmentRow = RouterOutputs["appointment"]["list"]["items"][number];

export interface SchedulingLead {
  id: number;
  name: string | null;
  phone: string | null;
  status: LeadStatus | null;
  result: ScreeningResult | null;
  flags: { id: string; label: string }[] | null;
  /** Known only while the lead is in the scheduling queue (see the report's API note). */
  payment: PaymentOption | null | undefined;
  voicemailOk: boolean | null | undefined;
  textOk: boolean | null | undefined;
  handoff: InboxEntry | null;
  /** Whether any source told this screen the screening result (false: unknown here, not "no screening"). */
  screeningKnown: boolean;
  /** Still waiting for the first answer, so the heading can say "Loading" rather than "Unknown". */
  loading: boolean;
}

/**
 * The API has no scheduling read of one lead yet, so this pieces one together from what the role
 * already receives: the lead record (managers, admins), the handoff inbox (schedulers, clinicians,
 * managers), and rows the queue and appointment screens have put in the cache this session. Nothing
 * travels through the URL or history state.
 */
export function useSchedulingLead(leadId: number): SchedulingLead {
  const trpc = useTRPC();
  const user = useUser();
  const queryClient = useQueryClient();
  const readsLead = can(user.role, "lead.read");
  const readsInbox = can(user.role, "handoff.inbox");

  const lead = useQuery(trpc.lead.byId.queryOptions({ id: leadId }, { enabled: readsLead }));
  const inbox = useQuery(trpc.handoff.inbox.queryOptions(undefined, { enabled: readsInbox }));

  const handoffs = inbox.data ? [...inbox.data.unread, ...inbox.data.read].filter((h) => h.leadId === leadId) : [];
  // The newest handoff to scheduling says most about booking; any other handoff still names the lead.
  const newest = (list: InboxEntry[]) => [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const handoff = newest(handoffs.filter((h) => h.target === "scheduling")) ?? newest(handoffs) ?? null;

  const queued = queryClient
    .getQueriesData<{ items: QueueRow[] }>(trpc.scheduling.queue.pathFilter())
    .flatMap(([, data]) => data?.items ?? [])
    .find((row) => row.leadId === leadId);
  const listed = queryClient
    .getQueriesData<{ items: AppointmentRow[] }>(trpc.appointment.list.pathFilter())
    .flatMap(([, data]) => data?.items ?? [])
    .find((row) => row.leadId === leadId);

  return {
    id: leadId,
    name: lead.data?.name ?? handoff?.leadName ?? queued?.leadName ?? listed?.leadName ?? null,
    phone: lead.data?.phone ?? handoff?.leadPhone ?? queued?.leadPhone ?? null,
    status: lead.data?.status ?? handoff?.leadStatus ?? queued?.leadStatus ?? null,
    result: (handoff?.result as ScreeningResult | null | undefined) ?? queued?.result ?? null,
    flags: handoff?.flags ?? queued?.flags ?? null,
    payment: queued?.payment,
    voicemailOk: queued?.voicemailOk,
    textOk: queued?.textOk,
    handoff,
    screeningKnown: Boolean(handoff ?? queued),
    loading: (readsLead && lead.isPending) || (readsInbox && inbox.isPending),
  };
}

// The coordinator's one work queue: what to do next, in the order it should be done.
import type { LeadChannel } from "../inquiry/inquiry.ts";
import type { TaskKind } from "./task.ts";
import { isOverdue } from "./due.ts";

export const WORK_ITEM_KINDS = ["urgent", "overdue_callback", "unread_text", "new_lead", "ready_to_hand_off", "screen_in_progress", "callback"] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

/** A screening nobody has saved for this long was left, not being worked on right now. */
export const SCREEN_LEFT_AFTER_MINUTES = 15;

export interface WorkItem {
  kind: WorkItemKind;
  leadId: number;
  leadName: string | null;
  /**
   * When the clock on this item started: the urgent alert, the task's creation, the lead's creation
   * (speed to lead), the lead becoming eligible (waiting for its handoff), the screening's last save.
   */
  since: Date;
  dueAt?: Date;
  taskId?: number;
  taskKind?: TaskKind;
  screeningId?: number;
  /** How a new lead came in (a website inquiry waits for its first contact like a missed call). */
  channel?: LeadChannel;
  /** The oldest unread text of the lead (an `unread_text` item). */
  messageId?: number;
}

export interface WorkQueueSources {
  urgent: { leadId: number; leadName: string | null; since: Date }[];
  /** Open tasks the coordinator owns or the desk owns. */
  tasks: { taskId: number; kind: TaskKind; leadId: number; leadName: string | null; dueAt: Date; createdAt: Date }[];
  /** Leads with no contact attempt yet (status `new`). */
  newLeads: { leadId: number; leadName: string | null; createdAt: Date; channel?: LeadChannel }[];
  /** Eligible leads (screened eligible, or cleared by a clinician) not yet handed to scheduling. */
  readyToHandOff: { leadId: number; leadName: string | null; eligibleAt: Date }[];
  screens: { screeningId: number; leadId: number; leadName: string | null; updatedAt: Date }[];
  /** Callers' texts no coordinator has read yet (docs/domain.md, "Text messages"). */
  unreadTexts?: { messageId: number; leadId: number; leadName: string | null; receivedAt: Date }[];
}

const byTime =
  <T>(key: (x: T) => Date) =>
  (a: T, b: T) =>
    key(a).getTime() - key(b).getTime();

/**
 * Orders the work: urgent leads, overdue tasks, callers' unread texts oldest first, new leads oldest first, eligible leads waiting for
 * their handoff oldest first, half-done screens, then tasks due by `dueSoonBy`. Handoffs come after
 * new leads because speed to lead is counted in minutes and a handoff in hours, and before half-done
 * screens because a handoff needs no call: the caller is ready and only the note to scheduling is
 * owed. An eligible lead with a callback owed shows in both places: they are two pieces of work.
 * A lead shows once where tasks and the speed-to-lead clock meet: a new lead with a task not yet
 * overdue carries that task (so completing it works from the item), and a new lead whose task is
 * overdue shows only as overdue.
 */
export function buildWorkQueue(sources: WorkQueueSources, now: Date, dueSoonBy: Date): WorkItem[] {
  const tasks = [...sources.tasks].sort(byTime((t) => t.dueAt));
  const overdue = tasks.filter((t) => isOverdue(t.dueAt, now));
  const overdueLeads = new Set(overdue.map((t) => t.leadId));
  const carried = new Set<number>();
  // One item per lead that texted, from its oldest unread text; a new lead that texted is answered there.
  const unread = new Map<number, NonNullable<WorkQueueSources["unreadTexts"]>[number]>();
  for (const m of [...(sources.unreadTexts ?? [])].sort(byTime((m) => m.receivedAt))) if (!unread.has(m.leadId)) unread.set(m.leadId, m);

  const newLeads: WorkItem[] = [...sources.newLeads]
    .sort(byTime((l) => l.createdAt))
    .filter((l) => !overdueLeads.has(l.leadId) && !unread.has(l.leadId))
    .map((l) => {
      const task = tasks.find((t) => t.leadId === l.leadId && !isOverdue(t.dueAt, now));
      if (task) carried.add(task.taskId);
      return {
        kind: "new_lead" as const,
        leadId: l.leadId,
        leadName: l.leadName,
        since: l.createdAt,
        ...(l.channel ? { channel: l.channel } : {}),
        ...(task ? { dueAt: task.dueAt, taskId: task.taskId, taskKind: task.kind } : {}),
      };
    });

  const taskItem =
    (kind: "overdue_callback" | "callback") =>
    (t: WorkQueueSources["tasks"][number]): WorkItem => ({
      kind,
      leadId: t.leadId,
      leadName: t.leadName,
      since: t.createdAt,
      dueAt: t.dueAt,
      taskId: t.taskId,
      taskKind: t.kind,
    });

  return [
    ...[...sources.urgent].sort(byTime((u) => u.since)).map((u): WorkItem => ({ kind: "urgent", ...u })),
    ...overdue.map(taskItem("overdue_callback")),
    ...[...unread.values()].map((m): WorkItem => ({
      kind: "unread_text",
      leadId: m.leadId,
      leadName: m.leadName,
      since: m.receivedAt,
      messageId: m.messageId,
    })),
    ...newLeads,
    ...[...sources.readyToHandOff]
      .sort(byTime((l) => l.eligibleAt))
      .map((l): WorkItem => ({ kind: "ready_to_hand_off", leadId: l.leadId, leadName: l.leadName, since: l.eligibleAt })),
    ...[...sources.screens]
      .sort(byTime((s) => s.updatedAt))
      .map((s): WorkItem => ({ kind: "screen_in_progress", leadId: s.leadId, leadName: s.leadName, since: s.updatedAt, screeningId: s.screeningId })),
    ...tasks.filter((t) => !isOverdue(t.dueAt, now) && !carried.has(t.taskId) && t.dueAt.getTime() <= dueSoonBy.getTime()).map(taskItem("callback")),
  ];
}

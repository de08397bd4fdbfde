// Tasks a coordinator owes a lead: callbacks and follow-ups, each with a due time and an owner (or the desk).
import { z } from "zod";
import { boundedDate, Id, Paging, plainText } from "../common.ts";

export const TASK_KINDS = ["callback", "follow_up"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  callback: "Callback",
  follow_up: "Follow-up",
};

export const TASK_STATUSES = ["open", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A caller whose inbound call was missed or abandoned is called back within this many minutes. */
export const CALLBACK_DUE_MINUTES = 15;

/** Furthest ahead a task may be planned. */
export const MAX_TASK_DAYS_AHEAD = 366;

export function callbackDueAt(callStartedAt: Date): Date {
  return new Date(callStartedAt.getTime() + CALLBACK_DUE_MINUTES * 60_000);
}

export const TaskCreateInput = z.object({
  leadId: Id,
  kind: z.enum(TASK_KINDS, { message: "Kind must be callback or follow_up" }),
  dueAt: boundedDate("Enter when the task is due"),
  /** Left out, the task is the desk's: every coordinator sees it. */
  ownerId: Id.optional(),
});
export type TaskCreateInput = z.infer<typeof TaskCreateInput>;

export const TaskCompleteInput = z.object({
  id: Id,
  note: z.string().trim().max(2000, "Note can be at most 2000 characters").superRefine(plainText("Note", true)).optional(),
});
export type TaskCompleteInput = z.infer<typeof TaskCompleteInput>;

export const TaskListInput = z
  .object({
    ...Paging,
    /** Only tasks I own (the desk's unowned tasks are left out). */
    mine: z.boolean().optional(),
    /** Only tasks past their due time. */
    overdue: z.boolean().optional(),
    leadId: Id.optional(),
  })
  .prefault({});
export type TaskListInput = z.infer<typeof TaskListInput>;

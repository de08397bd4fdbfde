// The scheduling queue: leads handed to scheduling that still need a consult booked.
import { z } from "zod";
import { Paging } from "../common.ts";
import { LeadSearch } from "../lead/lead.ts";

export const SchedulingQueueInput = z
  .object({
    ...Paging,
    /** Only leads whose name or phone matches, as the leads search finds them. */
    search: LeadSearch.optional(),
    /** Only leads handed to scheduling since midnight, clinic time. */
    handedOffToday: z.boolean({ message: "handedOffToday must be true or false" }).optional(),
  })
  .prefault({});
export type SchedulingQueueInput = z.infer<typeof SchedulingQueueInput>;

/** Why a lead is in the queue: never booked, or its consult was cancelled or missed. */
export const QUEUE_NEEDS = ["booking", "rebooking"] as const;
export type QueueNeed = (typeof QUEUE_NEEDS)[number];

// The scheduling queue: leads handed to scheduling that still need a consult booked.
import { z } from "zod";
import { Paging } from "../common.ts";

export const SchedulingQueueInput = z.object({ ...Paging }).prefault({});
export type SchedulingQueueInput = z.infer<typeof SchedulingQueueInput>;

/** Why a lead is in the queue: never booked, or its consult was cancelled or missed. */
export const QUEUE_NEEDS = ["booking", "rebooking"] as const;
export type QueueNeed = (typeof QUEUE_NEEDS)[number];

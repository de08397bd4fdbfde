// Tasks (callbacks, follow-ups) and the coordinator's work queue, with its live change feed.
import { TaskCompleteInput, TaskCreateInput, TaskListInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { listTasks } from "../services/task.ts";
import { getWorkQueue, touchesWorkQueue } from "../services/workqueue.ts";
import { liveEvents } from "./live.ts";

export const taskRouter = router({
  create: capabilityProcedure("task.work")
    .input(TaskCreateInput)
    .mutation(({ ctx, input }) => write(ctx, "task.create", input)),
  complete: capabilityProcedure("task.work")
    .input(TaskCompleteInput)
    .mutation(({ ctx, input }) => write(ctx, "task.complete", input)),
  list: capabilityProcedure("task.read")
    .input(TaskListInput)
    .query(({ ctx, input }) => listTasks(ctx.db, input, ctx.user, ctx.now())),
});

export const workQueueRouter = router({
  get: capabilityProcedure("workQueue.read").query(({ ctx }) => getWorkQueue(ctx.db, ctx.user, ctx.now())),
  /**
   * Like the inbox: `ready` on every (re)connection so the client refetches what it missed, then
   * one event (ids only) per change that can touch this coordinator's queue. Ends with the session.
   */
  onChange: capabilityProcedure("workQueue.read").subscription(({ ctx, signal }) => liveEvents(ctx, signal, (event) => touchesWorkQueue(event, ctx.user))),
});

// The scheduling side of a lead: the queue of leads to book, the pre-treatment checklist, the treatment course.
import {
  ChecklistByLeadInput,
  ChecklistUpdateInput,
  ChecklistWaiveInput,
  CourseByLeadInput,
  CourseRecordSessionInput,
  CourseStartInput,
  SchedulingQueueInput,
  ScreeningByLeadInput,
} from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { schedulingLead, schedulingQueue } from "../services/appointment/queue.ts";
import { checklistByLead } from "../services/checklist.ts";
import { courseByLead } from "../services/course.ts";

export const schedulingRouter = router({
  queue: capabilityProcedure("scheduling.queue")
    .input(SchedulingQueueInput)
    .query(({ ctx, input }) => schedulingQueue(ctx.db, input, ctx.now())),
  /** One lead for the scheduling page; per row as the appointment procedures check it. */
  lead: capabilityProcedure("appointment.read")
    .input(ScreeningByLeadInput)
    .query(({ ctx, input }) => schedulingLead(ctx.db, input.leadId, ctx.user)),
});

export const checklistRouter = router({
  byLead: capabilityProcedure("checklist.read")
    .input(ChecklistByLeadInput)
    .query(({ ctx, input }) => checklistByLead(ctx.db, input.leadId, ctx.user)),
  update: capabilityProcedure("checklist.update")
    .input(ChecklistUpdateInput)
    .mutation(({ ctx, input }) => write(ctx, "checklist.update", input)),
  waive: capabilityProcedure("checklist.waive")
    .input(ChecklistWaiveInput)
    .mutation(({ ctx, input }) => write(ctx, "checklist.waive", input)),
});

export const courseRouter = router({
  start: capabilityProcedure("course.write")
    .input(CourseStartInput)
    .mutation(({ ctx, input }) => write(ctx, "course.start", input)),
  recordSession: capabilityProcedure("course.write")
    .input(CourseRecordSessionInput)
    .mutation(({ ctx, input }) => write(ctx, "course.recordSession", input)),
  byLead: capabilityProcedure("course.read")
    .input(CourseByLeadInput)
    .query(({ ctx, input }) => courseByLead(ctx.db, input.leadId, ctx.user)),
});

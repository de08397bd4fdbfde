// Appointments: book, reschedule, cancel, record the outcome; a clinician's busy times; the calendar file.
import {
  AppointmentBookInput,
  AppointmentBusyInput,
  AppointmentByIdInput,
  AppointmentByLeadInput,
  AppointmentCancelInput,
  AppointmentListInput,
  AppointmentOutcomeInput,
  AppointmentRescheduleInput,
} from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { appointmentCalendar, appointmentsByLead, busyIntervals, listAppointments } from "../services/appointment/views.ts";
import { listClinicians } from "../services/handoff.ts";

export const appointmentRouter = router({
  // A consult's text reminders (TEXT_REMINDER_HOURS) are planned in the same job: stored with it, sent only with consent.
  book: capabilityProcedure("appointment.book")
    .input(AppointmentBookInput)
    .mutation(({ ctx, input }) => write(ctx, "appointment.book", { ...input, reminderHours: ctx.settings.reminderHours })),
  reschedule: capabilityProcedure("appointment.book")
    .input(AppointmentRescheduleInput)
    .mutation(({ ctx, input }) => write(ctx, "appointment.reschedule", { ...input, reminderHours: ctx.settings.reminderHours })),
  cancel: capabilityProcedure("appointment.book")
    .input(AppointmentCancelInput)
    .mutation(({ ctx, input }) => write(ctx, "appointment.cancel", { ...input, reminderHours: ctx.settings.reminderHours })),
  recordOutcome: capabilityProcedure("appointment.outcome")
    .input(AppointmentOutcomeInput)
    .mutation(({ ctx, input }) => write(ctx, "appointment.recordOutcome", input)),
  /** Booked intervals only, so the booking screen greys out taken times without naming anyone. */
  busy: capabilityProcedure("appointment.read")
    .input(AppointmentBusyInput)
    .query(({ ctx, input }) => busyIntervals(ctx.db, input)),
  byLead: capabilityProcedure("appointment.read")
    .input(AppointmentByLeadInput)
    .query(({ ctx, input }) => appointmentsByLead(ctx.db, input.leadId, ctx.user)),
  list: capabilityProcedure("appointment.read")
    .input(AppointmentListInput)
    .query(({ ctx, input }) => listAppointments(ctx.db, input, ctx.user)),
  ics: capabilityProcedure("appointment.read")
    .input(AppointmentByIdInput)
    .query(({ ctx, input }) => appointmentCalendar(ctx.db, input.id, ctx.user, ctx.now())),
  clinicians: capabilityProcedure("appointment.read").query(({ ctx }) => listClinicians(ctx.db)),
});

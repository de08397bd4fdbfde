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
import { capabilityProcedure, router } from "../trpc.ts";
import { bookAppointment, cancelAppointment, recordOutcome, rescheduleAppointment } from "../services/appointment/commands.ts";
import { appointmentCalendar, appointmentsByLead, busyIntervals, listAppointments } from "../services/appointment/views.ts";
import { listClinicians } from "../services/handoff.ts";
import { planReminders } from "../services/reminders.ts";

export const appointmentRouter = router({
  book: capabilityProcedure("appointment.book")
    .input(AppointmentBookInput)
    .mutation(({ ctx, input }) => {
      const booked = bookAppointment(ctx.db, input, ctx.user, ctx.now(), ctx.events);
      // A consult's text reminders (TEXT_REMINDER_HOURS) are stored with it; sent only with consent.
      planReminders(ctx.db, booked, ctx.settings.reminderHours, ctx.now());
      return booked;
    }),
  reschedule: capabilityProcedure("appointment.book")
    .input(AppointmentRescheduleInput)
    .mutation(({ ctx, input }) => {
      const moved = rescheduleAppointment(ctx.db, input, ctx.user, ctx.now(), ctx.events);
      planReminders(ctx.db, moved, ctx.settings.reminderHours, ctx.now(), true);
      return { ...moved, confirmedAt: null };
    }),
  cancel: capabilityProcedure("appointment.book")
    .input(AppointmentCancelInput)
    .mutation(({ ctx, input }) => {
      const cancelled = cancelAppointment(ctx.db, input, ctx.user, ctx.now(), ctx.events);
      planReminders(ctx.db, cancelled, ctx.settings.reminderHours, ctx.now());
      return cancelled;
    }),
  recordOutcome: capabilityProcedure("appointment.outcome")
    .input(AppointmentOutcomeInput)
    .mutation(({ ctx, input }) => recordOutcome(ctx.db, input, ctx.user, ctx.now(), ctx.events)),
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

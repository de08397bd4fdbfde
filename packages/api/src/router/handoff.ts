// Handoffs: create one, the receiver's inbox (live), acknowledge; and the clinician's review.
import { ClinicianReviewInput, HandoffAcknowledgeInput, HandoffCreateInput, LeadByIdInput } from "@intake/domain";
import { capabilityProcedure, router, write } from "../trpc.ts";
import { clinicalNotes, handoffById, inbox, listClinicians, assertHandedToClinician, receives } from "../services/handoff.ts";
import { clinicalCoverage, openEscalations } from "../services/alerts.ts";
import { isHandoffEvent, type HandoffEvent } from "../events.ts";
import { liveEvents } from "./live.ts";

export const handoffRouter = router({
  create: capabilityProcedure("handoff.create")
    .input(HandoffCreateInput)
    .mutation(({ ctx, input }) => write(ctx, "handoff.create", input)),
  inbox: capabilityProcedure("handoff.inbox").query(({ ctx }) => inbox(ctx.db, ctx.user)),
  byId: capabilityProcedure("handoff.inbox")
    .input(HandoffAcknowledgeInput)
    .query(({ ctx, input }) => handoffById(ctx.db, input.id, ctx.user)),
  acknowledge: capabilityProcedure("handoff.acknowledge")
    .input(HandoffAcknowledgeInput)
    .mutation(({ ctx, input }) => write(ctx, "handoff.acknowledge", input)),
  clinicians: capabilityProcedure("handoff.create").query(({ ctx }) => listClinicians(ctx.db)),
  /**
   * Live inbox: a `ready` event on every (re)connection, so a client refetches whatever it missed
   * while disconnected, then one event per handoff created or acknowledged for this person. Events
   * carry ids and routing only; the client reads the inbox for the rest. The stream ends when the
   * session does.
   */
  onInbox: capabilityProcedure("handoff.inbox").subscription(({ ctx, signal }) =>
    liveEvents(
      ctx,
      signal,
      (event): event is HandoffEvent => isHandoffEvent(event) && receives(ctx.user, event),
      ctx.user.role === "clinician" ? { clinicianId: ctx.user.id } : {},
    ),
  ),
  /** How many clinicians have a live inbox open now (coverage), when one was last seen, and whom to call. */
  clinicalCoverage: capabilityProcedure("handoff.coverage").query(({ ctx }) => clinicalCoverage(ctx.db, ctx.events, ctx.settings, ctx.now())),
  /** Urgent handoffs escalated because nobody acknowledged them in time, with the on-call number. */
  escalations: capabilityProcedure("handoff.escalations").query(({ ctx }) => openEscalations(ctx.db, ctx.settings)),
});

export const clinicianRouter = router({
  review: capabilityProcedure("clinician.review")
    .input(ClinicianReviewInput)
    .mutation(({ ctx, input }) => write(ctx, "clinician.review", input)),
  notes: capabilityProcedure("screening.read")
    .input(LeadByIdInput)
    .query(({ ctx, input }) => {
      if (ctx.user.role === "clinician") assertHandedToClinician(ctx.db, input.id, ctx.user);
      return clinicalNotes(ctx.db, input.id);
    }),
});

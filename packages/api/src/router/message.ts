// Texts with callers: the thread on the lead page, sending (free text or a template), the templates, and the live feed.
import { MessageSendInput, MessageSendTemplateInput, MessageThreadInput, STAFF_TEMPLATES, textIn, type TextTemplateId } from "@intake/domain";
import type { Context } from "../context.ts";
import type { MessageEvent } from "../events.ts";
import { assertTextAccess, deliverText, messageThread, templateText } from "../services/messaging.ts";
import { getLeadRow } from "../services/lead.ts";
import { nextConsultFor } from "../services/reminders.ts";
import { AppError } from "../errors.ts";
import { capabilityProcedure, router, write, type Trail } from "../trpc.ts";
import { liveEvents } from "./live.ts";
import { handedToScheduling } from "../services/appointment/access.ts";

const texting = (ctx: Context) => ({ db: ctx.db, writes: ctx.writes, events: ctx.events, texts: ctx.texts, now: ctx.now });

/**
 * A person's text: stored as queued with the procedure's audit entry in one writer job (refused there,
 * saying why, without consent or outside the hours), then handed to the provider on this thread and
 * its answer recorded by a second job. The writer is never held during the network call.
 */
async function sendAs(ctx: Context & { trail: Trail }, input: { leadId: number; body: string; template: TextTemplateId | null }) {
  const queued = await write(ctx, "message.send", { ...input, provider: ctx.texts?.provider ?? null });
  return deliverText(texting(ctx), queued);
}

export const messageRouter = router({
  thread: capabilityProcedure("message.read")
    .input(MessageThreadInput)
    .query(async ({ ctx, input }) => {
      assertTextAccess(ctx.db, input.leadId, ctx.user);
      getLeadRow(ctx.db, input.leadId);
      // A coordinator reading the thread marks the caller's texts read: a writer job, with this read's audit entry.
      if (ctx.user.role === "coordinator") await write(ctx, "message.markRead", { leadId: input.leadId });
      return messageThread(ctx.db, input.leadId, ctx.user, ctx.now());
    }),
  send: capabilityProcedure("message.send")
    .input(MessageSendInput)
    .mutation(({ ctx, input }) => {
      assertTextAccess(ctx.db, input.leadId, ctx.user);
      return sendAs(ctx, { leadId: input.leadId, body: input.body, template: null });
    }),
  sendTemplate: capabilityProcedure("message.send")
    .input(MessageSendTemplateInput)
    .mutation(({ ctx, input }) => {
      assertTextAccess(ctx.db, input.leadId, ctx.user);
      const theLead = getLeadRow(ctx.db, input.leadId);
      let at: Date | undefined;
      if (input.template === "consult_reminder") {
        at = nextConsultFor(ctx.db, theLead.id, ctx.now())?.startsAt;
        if (!at) throw new AppError("PRECONDITION_FAILED", "This lead has no consult booked ahead: book one before sending a reminder.");
      }
      const body = templateText(theLead, input.template, input.language, at);
      return sendAs(ctx, { leadId: theLead.id, body, template: input.template });
    }),
  /** The templates staff pick, in English and Spanish, with example times filled in. */
  templates: capabilityProcedure("message.read").query(() => {
    const example = new Date("2026-12-04T18:30:00Z");
    return STAFF_TEMPLATES.map((id) => ({ id, en: textIn("en", id, example), es: textIn("es", id, example) }));
  }),
  /** `ready` on each (re)connection, then one event per text received, sent, delivered or read (ids only). */
  onInbox: capabilityProcedure("message.read").subscription(({ ctx, signal }) =>
    liveEvents(
      ctx,
      signal,
      (event): event is MessageEvent =>
        event.kind.startsWith("message.") && (ctx.user.role !== "scheduler" || handedToScheduling(ctx.db, (event as MessageEvent).leadId)),
    ),
  ),
});

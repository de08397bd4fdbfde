// Texts with callers: the thread on the lead page, sending (free text or a template), the templates, and the live feed.
import { MessageSendInput, MessageSendTemplateInput, MessageThreadInput, STAFF_TEMPLATES, textIn } from "@intake/domain";
import type { Context } from "../context.ts";
import type { MessageEvent } from "../events.ts";
import { assertTextAccess, messageThread, sendText, templateText } from "../services/messaging.ts";
import { getLeadRow } from "../services/lead.ts";
import { nextConsultFor } from "../services/reminders.ts";
import { AppError } from "../errors.ts";
import { capabilityProcedure, router } from "../trpc.ts";
import { liveEvents } from "./live.ts";
import { handedToScheduling } from "../services/appointment/access.ts";

const texting = (ctx: Context) => ({ db: ctx.db, writes: ctx.writes, events: ctx.events, texts: ctx.texts, now: ctx.now });

export const messageRouter = router({
  thread: capabilityProcedure("message.read")
    .input(MessageThreadInput)
    .query(({ ctx, input }) => messageThread(ctx.db, input.leadId, ctx.user, ctx.now(), ctx.events)),
  send: capabilityProcedure("message.send")
    .input(MessageSendInput)
    .mutation(({ ctx, input }) => {
      assertTextAccess(ctx.db, input.leadId, ctx.user);
      return sendText(texting(ctx), { leadId: input.leadId, body: input.body, template: null, actor: ctx.user });
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
      return sendText(texting(ctx), { leadId: theLead.id, body, template: input.template, actor: ctx.user });
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

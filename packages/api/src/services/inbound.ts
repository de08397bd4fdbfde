// What the server does once the provider's webhook has stored a caller's text and answered.
import { mutate } from "../threads/executor.ts";
import { getLeadRow } from "./lead.ts";
import { autoSendText, deliverText, templateText, type InboundOutcome, type TextingDeps } from "./messaging.ts";

/**
 * Everything the server does after the inbound webhook stored a text (with its audit entries and live
 * events, services/messaging.ts receiveInboundText): the answer a keyword asks for. A reminder's C or
 * R is applied with its reply queued in one writer job; the provider is called outside any job.
 */
export async function afterInboundText(deps: TextingDeps, outcome: InboundOutcome): Promise<void> {
  if (outcome.duplicate) return;
  if (outcome.answer) {
    const answered = await mutate(deps.writes, deps.events, {
      name: "message.answerReminder",
      input: { leadId: outcome.leadId, keyword: outcome.answer, provider: deps.texts?.provider ?? null },
      actor: null,
      now: deps.now().getTime(),
      audit: null,
    });
    if (answered) {
      if (answered.reply) await deliverText(deps, answered.reply);
      return;
    }
  }
  if (outcome.reply) {
    const theLead = getLeadRow(deps.db, outcome.leadId);
    // HELP is answered whatever the consent: carriers require it, and it is a reply to the caller.
    await autoSendText(deps, { leadId: outcome.leadId, body: templateText(theLead, outcome.reply), template: outcome.reply, checkConsent: false });
  }
}

// What the server does once the provider's webhook has stored a caller's text and answered.
import { SERVER_ACTIONS } from "../audit/policy.ts";
import { getLeadRow } from "./lead.ts";
import { sendText, serverAudit, templateText, type InboundOutcome, type TextingDeps } from "./messaging.ts";
import { answerReminder } from "./reminders.ts";

/**
 * Everything the server does after the inbound webhook stored a text: the audit entries (the server
 * as actor), the live event, and the answer a keyword asks for.
 */
export async function afterInboundText(deps: TextingDeps, outcome: InboundOutcome): Promise<void> {
  if (outcome.duplicate) return;
  // Stored already: the desk hears of it at once, then the trail is written.
  if (outcome.leadCreated) deps.events.emit({ kind: "lead.created", leadId: outcome.leadId });
  deps.events.emit({ kind: "message.received", messageId: outcome.messageId, leadId: outcome.leadId });
  await serverAudit(deps, SERVER_ACTIONS.textReceived, "message", outcome.messageId);
  if (outcome.consentChanged) await serverAudit(deps, SERVER_ACTIONS.textConsent, "lead", outcome.leadId);
  if (outcome.answer && (await answerReminder(deps, outcome.leadId, outcome.answer))) return;
  if (outcome.reply) {
    const theLead = getLeadRow(deps.db, outcome.leadId);
    // HELP is answered whatever the consent: carriers require it, and it is a reply to the caller.
    const sent = await sendText(deps, { leadId: outcome.leadId, body: templateText(theLead, outcome.reply), template: outcome.reply, actor: null, checkConsent: false });
    await serverAudit(deps, SERVER_ACTIONS.textSent, "message", sent.id);
  }
}

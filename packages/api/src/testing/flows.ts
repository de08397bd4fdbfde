// Test-only: a lead taken through the desk's real flow (a logged call, then a completed screen).
import type { ScreeningAnswers } from "@intake/domain";
import type { Harness } from "./harness.ts";

type Caller = Awaited<ReturnType<Harness["as"]>>;

/** Logs a connected inbound call from `phone`, then screens the caller with `answers`; returns the lead id. */
export async function screenedLead(
  coordinator: Caller,
  at: Date,
  lead: { phone: string; name: string; answers: ScreeningAnswers; callNotes?: string },
): Promise<number> {
  const { lead: created } = await coordinator["call.log"]({
    direction: "inbound",
    otherNumber: lead.phone,
    startedAt: at,
    durationSeconds: 600,
    outcome: "connected",
    callerName: lead.name,
    ...(lead.callNotes ? { notes: lead.callNotes } : {}),
  });
  const leadId = created!.id;
  const started = await coordinator.screening.start({ leadId });
  const { phq9, gad7 } = lead.answers.wellbeing;
  await coordinator.screening.save({ id: started.id, answers: lead.answers, offered: { phq9Offered: !!phq9, gad7Offered: !!gad7 } });
  await coordinator.screening.complete({ id: started.id });
  return leadId;
}

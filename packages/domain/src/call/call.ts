// A call: one conversation or attempt on a clinic line, and the form that logs it.
import { z } from "zod";
import { boundedDate, Id, Paging, plainText, UsPhone } from "../common.ts";

export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_OUTCOMES = ["connected", "voicemail", "missed", "abandoned", "wrong_number", "spam"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: "Connected",
  voicemail: "Voicemail left",
  missed: "Missed",
  abandoned: "Abandoned (under 15 s)",
  wrong_number: "Wrong number",
  spam: "Spam",
};

/** An unanswered inbound call shorter than this is abandoned rather than missed (docs/domain.md). */
export const ABANDONED_UNDER_SECONDS = 15;

/** Longest call we accept as typed: twelve hours. */
const MAX_DURATION_SECONDS = 12 * 60 * 60;

const notes = z.string().max(4000, "Notes can be at most 4000 characters").superRefine(plainText("Notes", true)).optional();
const callerName = z.string().trim().max(200, "Name can be at most 200 characters").superRefine(plainText("Name")).optional();

export const CallLogInput = z.object({
  direction: z.enum(CALL_DIRECTIONS, { message: "Direction must be inbound or outbound" }),
  otherNumber: UsPhone,
  /** Not more than a few minutes ahead of the clock, too: callStartProblem, checked where it is stored. */
  startedAt: boundedDate("Enter when the call started"),
  durationSeconds: z
    .number({ message: "Enter the duration in seconds" })
    .int("Duration must be whole seconds")
    .min(0, "Duration cannot be negative")
    .max(MAX_DURATION_SECONDS, "Duration cannot be more than 12 hours"),
  outcome: z.enum(CALL_OUTCOMES, { message: `Outcome must be one of: ${CALL_OUTCOMES.join(", ")}` }),
  notes,
  leadId: Id.optional(),
  callerName,
  lineId: Id.optional(),
});
export type CallLogInput = z.infer<typeof CallLogInput>;

export const CallListInput = z.object({
  ...Paging,
  from: boundedDate().optional(),
  to: boundedDate().optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  leadId: Id.optional(),
});
export type CallListInput = z.infer<typeof CallListInput>;

/**
 * Whether a call from a number we do not know should start a lead. A conversation does; so does a
 * caller who left a voicemail or whose call we missed, because they are waiting for a callback.
 * Abandoned rings, wrong numbers and spam do not.
 */
export function startsLead(direction: CallDirection, outcome: CallOutcome): boolean {
  return direction === "inbound" && (outcome === "connected" || outcome === "voicemail" || outcome === "missed");
}

/** Whether the call counts as the clinic reaching out to (or speaking with) the lead. */
export function isContactAttempt(direction: CallDirection, outcome: CallOutcome): boolean {
  if (outcome === "wrong_number" || outcome === "spam") return false;
  return direction === "outbound" || outcome === "connected";
}

/** Completing a call the phone system logged: what the coordinator adds to what the system knew. */
export const CallCompleteInput = z.object({
  id: Id,
  notes,
  callerName,
  leadId: Id.optional(),
});
export type CallCompleteInput = z.infer<typeof CallCompleteInput>;

/**
 * The only configuration variables a line may name for its webhook secret: the provider's own
 * `TWILIO_AUTH_TOKEN`, or one named after it (`TWILIO_AUTH_TOKEN_RADIO` for another account). Any
 * other name could point at a value that is no secret at all (PORT) or one meant for something else.
 */
export const WEBHOOK_SECRET_REF = /^TWILIO_AUTH_TOKEN(?:_[A-Z0-9_]{1,46})?$/;
export const isWebhookSecretRef = (ref: string): boolean => WEBHOOK_SECRET_REF.test(ref);

export const LineCreateInput = z.object({
  number: UsPhone,
  label: z.string().trim().min(1, "Give the line a label").max(100, "Label can be at most 100 characters").superRefine(plainText("Label")),
  source: z.string().trim().max(100, "Source can be at most 100 characters").superRefine(plainText("Source")).optional(),
  /** The line sends and receives text messages (admins turn it on once the provider number can text). */
  smsEnabled: z.boolean().optional(),
  /** Names the configuration entry holding this line's provider secret; never the secret itself. */
  webhookSecretRef: z
    .string()
    .trim()
    .regex(
      WEBHOOK_SECRET_REF,
      "Secret reference is TWILIO_AUTH_TOKEN or a configuration variable named after it, like TWILIO_AUTH_TOKEN_RADIO (capital letters, digits and _)",
    )
    .optional(),
});
export type LineCreateInput = z.infer<typeof LineCreateInput>;

/** An admin turns texting on or off for a line (the listed line exists from the start, so it is set here). */
export const LineUpdateInput = z.object({
  id: Id,
  smsEnabled: z.boolean({ message: "smsEnabled must be true or false" }),
});
export type LineUpdateInput = z.infer<typeof LineUpdateInput>;

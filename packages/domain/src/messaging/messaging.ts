// Text messages with callers (docs/domain.md, "Text messages"): consent, the reply keywords, the
// hours a text may go out, and the clinic's templates. Pure: the provider and the clock are the caller's.
import { z } from "zod";
import { Id } from "../common.ts";
import { clinicInstant, clinicWallClock } from "../scheduling/clinicTime.ts";
import { SCRIPT_LANGUAGES } from "../language/language.ts";

export const TEXT_CONSENT_STATES = ["unknown", "granted", "revoked"] as const;
export type TextConsentState = (typeof TEXT_CONSENT_STATES)[number];
/** How consent was given or taken back: the screening's "text OK" answer, or the caller's own reply. */
export const TEXT_CONSENT_SOURCES = ["screening", "reply"] as const;
export type TextConsentSource = (typeof TEXT_CONSENT_SOURCES)[number];

export const MESSAGE_DIRECTIONS = ["inbound", "outbound"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
/** `received` for the caller's texts; the provider's delivery states for ours. */
export const MESSAGE_STATUSES = ["received", "queued", "sent", "delivered", "undelivered", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Later delivery states never give way to earlier ones (a late `sent` after `delivered` changes nothing). */
export function deliveryRank(status: MessageStatus): number {
  return { received: 0, queued: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 }[status];
}

/**
 * What a whole reply asks for, in any case and ignoring surrounding spaces: the carriers' opt-out and
 * opt-in words (and Spanish ALTO / PARAR), help, and a reminder's C (confirm) and R (reschedule).
 * Anything else is a message for the desk.
 */
const KEYWORDS: Record<string, TextKeyword> = {
  STOP: "stop",
  STOPALL: "stop",
  UNSUBSCRIBE: "stop",
  CANCEL: "stop",
  END: "stop",
  QUIT: "stop",
  REVOKE: "stop",
  OPTOUT: "stop",
  ALTO: "stop",
  PARAR: "stop",
  START: "start",
  YES: "start",
  HELP: "help",
  INFO: "help",
  C: "confirm",
  R: "reschedule",
};
export type TextKeyword = "stop" | "start" | "help" | "confirm" | "reschedule";

export function replyKeyword(body: string): TextKeyword | null {
  return KEYWORDS[body.trim().toUpperCase()] ?? null;
}

/** Texts go out between 8 am and 9 pm on the clinic's clock… */
export const TEXT_HOURS = { from: 8, to: 21 } as const;
/** …or within this long of the caller's own text: answering them is never a surprise. */
export const REPLY_WINDOW_MINUTES = 15;

/** Why a text may not go out now (clinic time, America/Los_Angeles), or null when it may. */
export function textHoursProblem(now: Date, lastInboundAt: Date | null): string | null {
  if (lastInboundAt && now.getTime() - lastInboundAt.getTime() <= REPLY_WINDOW_MINUTES * 60_000 && now >= lastInboundAt) return null;
  const { hour } = clinicWallClock(now);
  if (hour >= TEXT_HOURS.from && hour < TEXT_HOURS.to) return null;
  return `Texts go out between 8 am and 9 pm clinic time, or within ${REPLY_WINDOW_MINUTES} minutes of the caller's own text. Try again after 8 am, or call.`;
}

/** Why nobody may text this lead, or null when consent is granted. */
export function consentProblem(state: TextConsentState): string | null {
  if (state === "granted") return null;
  return state === "revoked"
    ? "This caller opted out of texts (replied STOP). They can text START to opt back in; until then, call."
    : "This caller has not agreed to texts. Ask them (the screening's text question) or wait for them to text START.";
}

/**
 * The clinic's texts. They name the clinic and a time, never the treatment, a condition or an answer:
 * a phone's lock screen is not private. Spanish lives in i18n/es.json under `sms.<id>`.
 */
export const TEXT_TEMPLATES = {
  follow_up: "{{clinic}}: we tried to reach you. Reply to this text or call us at {{phone}}. Reply STOP to opt out.",
  missed_call: "{{clinic}}: sorry we missed your call. Reply to this text, or we will call you back soon. You can also call {{phone}}. Reply STOP to opt out.",
  consult_reminder:
    "{{clinic}}: a reminder of your appointment on {{date}} at {{time}}. Reply C to confirm or R to ask for another time. Reply STOP to opt out.",
  help: "{{clinic}}: for help call {{phone}}. Reply STOP to stop texts, START to get them again. Msg & data rates may apply.",
  confirmed: "{{clinic}}: thank you, your appointment on {{date}} at {{time}} is confirmed.",
  reschedule: "{{clinic}}: thank you, we will call you to find another time. You can also call {{phone}}.",
} as const;
export type TextTemplateId = keyof typeof TEXT_TEMPLATES;
/** The templates a coordinator picks in the composer; the rest are the app's own replies. */
export const STAFF_TEMPLATES = ["follow_up", "missed_call", "consult_reminder"] as const satisfies readonly TextTemplateId[];
export type StaffTemplateId = (typeof STAFF_TEMPLATES)[number];
/** How texts name the clinic: without "TMS", which names the treatment. */
export const CLINIC_TEXT_NAME = "Iris Clinic";

/** Words a text must never carry (the treatment, conditions, screening topics); a test holds every template to it. */
export const PRIVATE_WORDS = /\b(tms|magnetic|pain|depress\w*|anxiety|screen\w*|phq|gad|suicid\w*|treatment|tratamiento|dolor|depresi\w*|ansiedad)\b/i;

/** The on-call clinician's text when an urgent handoff is escalated: staff-facing, English, and no patient detail. */
export const ON_CALL_ALERT_TEXT = "Urgent intake alert: open the inbox";

/** The longest text we send: ten segments. */
export const MAX_SMS_LENGTH = 1600;

const TextBody = z.string().trim().min(1, "Write a message").max(MAX_SMS_LENGTH, `A text can be at most ${MAX_SMS_LENGTH} characters`);

export const MessageThreadInput = z.object({ leadId: Id });
export type MessageThreadInput = z.infer<typeof MessageThreadInput>;
export const MessageSendInput = z.object({ leadId: Id, body: TextBody });
export type MessageSendInput = z.infer<typeof MessageSendInput>;
export const MessageSendTemplateInput = z.object({
  leadId: Id,
  template: z.enum(STAFF_TEMPLATES, { message: `Template must be one of: ${STAFF_TEMPLATES.join(", ")}` }),
  /** Overrides the lead's language (English or Spanish); by default the lead's. */
  language: z.enum(SCRIPT_LANGUAGES, { message: "Language must be en or es" }).optional(),
});
export type MessageSendTemplateInput = z.infer<typeof MessageSendTemplateInput>;

/** Hours before a booked consult its reminders go out (REMINDER_HOURS, e.g. "48,2"). */
export const DEFAULT_REMINDER_HOURS: readonly number[] = [48, 2];

/** A provider's report of one text: a new inbound one, or the delivery state of one we sent. */
export interface ProviderInboundText {
  provider: string;
  providerMessageId: string;
  /** E.164 of the clinic's line and of the caller. */
  lineNumber: string;
  otherNumber: string;
  body: string;
}
export interface ProviderTextStatus {
  provider: string;
  providerMessageId: string;
  status: Exclude<MessageStatus, "received">;
  errorCode: string | null;
}

/**
 * When a reminder `hoursBefore` a consult goes out: that time, unless it falls between 9 pm and 8 am
 * clinic time; then at 8 am after it if that is still an hour before the consult, else at 8:45 pm
 * before it. Null when no time in the clinic's hours fits before the consult (not sent).
 */
export function reminderDueAt(startsAt: Date, hoursBefore: number): Date | null {
  const due = new Date(startsAt.getTime() - hoursBefore * 3_600_000);
  if (!textHoursProblem(due, null)) return due;
  const w = clinicWallClock(due);
  const morning = clinicInstant({ ...w, hour: TEXT_HOURS.from, minute: 0, second: 0 });
  const nextMorning =
    w.hour >= TEXT_HOURS.from
      ? clinicInstant({ ...clinicWallClock(new Date(morning.getTime() + 26 * 3_600_000)), hour: TEXT_HOURS.from, minute: 0, second: 0 })
      : morning;
  if (nextMorning.getTime() <= startsAt.getTime() - 3_600_000) return nextMorning;
  const eveningBase = w.hour >= TEXT_HOURS.to ? due : new Date(due.getTime() - 24 * 3_600_000);
  const evening = clinicInstant({ ...clinicWallClock(eveningBase), hour: TEXT_HOURS.to - 1, minute: 45, second: 0 });
  return evening.getTime() < startsAt.getTime() ? evening : null;
}

// Twilio for the clinic's lines: voice status callbacks, texts in and their delivery reports, and
// sending texts. The one place that speaks the provider's wire format.
import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyRequest } from "fastify";
import twilio from "twilio";
import type { TextSender } from "@intake/api";
import { toE164, type MessageStatus, type ProviderCallEvent, type ProviderCallStatus, type ProviderInboundText, type ProviderTextStatus } from "@intake/domain";

export const TWILIO_STATUS_PATH = "/webhooks/voice/status";
export const TWILIO_SMS_INBOUND_PATH = "/webhooks/sms/inbound";
export const TWILIO_SMS_STATUS_PATH = "/webhooks/sms/status";
/** Twilio's REST API; TWILIO_API_BASE points tests and compatible providers elsewhere. */
export const TWILIO_DEFAULT_API_BASE = "https://api.twilio.com";
/** An empty TwiML answer: the text is stored, and any reply goes out through the API, stored too. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

const STATUS: Record<string, ProviderCallStatus> = {
  queued: "queued",
  initiated: "queued",
  ringing: "ringing",
  "in-progress": "in_progress",
  completed: "completed",
  busy: "busy",
  "no-answer": "no_answer",
  failed: "failed",
  canceled: "canceled",
};

/** Turns Twilio's form fields into our event, or null when they do not describe a call we can record. */
export function fromTwilioParams(params: Record<string, string>, now: Date): ProviderCallEvent | null {
  const status = STATUS[params.CallStatus ?? ""];
  const sid = params.CallSid ?? "";
  const from = toE164(params.From ?? "");
  const to = toE164(params.To ?? "");
  if (!status || !/^CA[0-9a-fA-F]{32}$/.test(sid) || !from || !to) return null;
  const inbound = (params.Direction ?? "inbound") === "inbound";
  const stamped = params.Timestamp ? new Date(params.Timestamp) : now;
  const duration = params.CallDuration !== undefined ? Number.parseInt(params.CallDuration, 10) : undefined;
  return {
    provider: "twilio",
    providerCallId: sid,
    direction: inbound ? "inbound" : "outbound",
    lineNumber: inbound ? to : from,
    otherNumber: inbound ? from : to,
    status,
    at: Number.isNaN(stamped.getTime()) ? now : stamped,
    durationSeconds: duration !== undefined && Number.isFinite(duration) && duration >= 0 ? duration : undefined,
  };
}

/** A message id as Twilio writes it: SM (text) or MM (picture message) and 32 hex digits. */
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/** A caller's text (Twilio's form fields MessageSid, From, To, Body), or null when it is not one. */
export function inboundTextFromTwilio(params: Record<string, string>): ProviderInboundText | null {
  const sid = params.MessageSid ?? "";
  const from = toE164(params.From ?? "");
  const to = toE164(params.To ?? "");
  if (!MESSAGE_SID.test(sid) || !from || !to || typeof params.Body !== "string") return null;
  return { provider: "twilio", providerMessageId: sid, lineNumber: to, otherNumber: from, body: params.Body.slice(0, 1600) };
}

const TEXT_STATUS: Record<string, Exclude<MessageStatus, "received">> = {
  accepted: "queued",
  scheduled: "queued",
  queued: "queued",
  sending: "queued",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
};

/** A delivery report for a text we sent (MessageSid, MessageStatus, ErrorCode; From is the clinic's line). */
export function textStatusFromTwilio(params: Record<string, string>): (ProviderTextStatus & { lineNumber: string }) | null {
  const sid = params.MessageSid ?? "";
  const status = TEXT_STATUS[params.MessageStatus ?? params.SmsStatus ?? ""];
  const line = toE164(params.From ?? "");
  if (!MESSAGE_SID.test(sid) || !status || !line) return null;
  const errorCode = /^\d{1,10}$/.test(params.ErrorCode ?? "") ? params.ErrorCode! : null;
  return { provider: "twilio", providerMessageId: sid, status, errorCode, lineNumber: line };
}

/**
 * Sends texts with the official client. The library has no setting for its API address, but each of
 * its domains keeps the address it calls in `baseUrl`: pointing the Api domain at TWILIO_API_BASE
 * sends the very same request (path /2010-04-01/Accounts/<sid>/Messages.json, form body, basic auth) there.
 */
export function twilioTextSender(opts: { accountSid: string; authToken: string; apiBase: string; statusCallback: string | undefined }): TextSender {
  const client = twilio(opts.accountSid, opts.authToken);
  client.api.baseUrl = opts.apiBase.replace(/\/$/, "");
  return {
    provider: "twilio",
    async send({ from, to, body }) {
      const sent = await client.messages.create({ from, to, body, ...(opts.statusCallback ? { statusCallback: opts.statusCallback } : {}) });
      return { providerMessageId: sent.sid, status: TEXT_STATUS[sent.status] ?? "queued" };
    },
  };
}

export interface TwilioTextOptions {
  /** Stores a caller's text; throws (answered 403, nothing stored) for a line that does not text. Resolves once stored. */
  receive(text: ProviderInboundText): Promise<{ after: () => Promise<void> }>;
  /** Whether this is one of our texts, on a clinic line. */
  isOurs(report: ProviderTextStatus & { lineNumber: string }): boolean;
  recordStatus(report: ProviderTextStatus): Promise<void>;
  /** Reports a failure of the work done after answering (an automatic reply), by kind only. */
  onError(error: unknown): void;
}

export interface TwilioWebhookOptions {
  /**
   * The auth token that signs callbacks for a line: its own (a line can name a different account's
   * secret) or the default. Without one every callback for that line is refused.
   */
  authTokenFor(lineNumber: string): string | undefined;
  /** The public https origin Twilio calls (the server sits behind a proxy), e.g. https://intake.clinic.org */
  publicBaseUrl: string | undefined;
  isKnownLine(e164: string): boolean;
  /** Stores the event; the callback is answered once it is stored. */
  record(event: ProviderCallEvent): Promise<void>;
  now(): Date;
  texts: TwilioTextOptions;
}

export async function registerTwilioWebhook(app: FastifyInstance, opts: TwilioWebhookOptions): Promise<void> {
  /** Signed by the token of the clinic line it is about, over the exact public URL Twilio called (query string included) and every parameter. */
  const signedFor = (req: FastifyRequest, params: Record<string, string>, lineNumber: string | null) => {
    const signature = req.headers["x-twilio-signature"];
    const url = `${(opts.publicBaseUrl ?? "").replace(/\/$/, "")}${req.url}`;
    const token = lineNumber && opts.isKnownLine(lineNumber) ? opts.authTokenFor(lineNumber) : undefined;
    return !!token && !!opts.publicBaseUrl && typeof signature === "string" && twilio.validateRequest(token, signature, url, params);
  };
  // One answer for unsigned, mis-signed and unknown-line requests: nothing here tells a prober which it was.
  const REFUSED = { error: "Not a signed callback for a clinic line." };
  await app.register(async (scope) => {
    await scope.register(formbody);
    scope.post(TWILIO_STATUS_PATH, async (req, reply) => {
      const params = (req.body ?? {}) as Record<string, string>;
      const event = fromTwilioParams(params, opts.now());
      if (!event || !signedFor(req, params, event.lineNumber)) return reply.code(403).send(REFUSED);
      await opts.record(event);
      return reply.code(204).send();
    });
    scope.post(TWILIO_SMS_INBOUND_PATH, async (req, reply) => {
      const params = (req.body ?? {}) as Record<string, string>;
      const text = inboundTextFromTwilio(params);
      if (!text || !signedFor(req, params, text.lineNumber)) return reply.code(403).send(REFUSED);
      let stored: { after: () => Promise<void> };
      try {
        stored = await opts.texts.receive(text);
      } catch {
        return reply.code(403).send(REFUSED);
      }
      // Answered first; an automatic reply (HELP) goes out through the API afterwards, stored like any text.
      reply.raw.once("finish", () => void stored.after().catch(opts.texts.onError));
      return reply.code(200).type("text/xml").send(EMPTY_TWIML);
    });
    scope.post(TWILIO_SMS_STATUS_PATH, async (req, reply) => {
      const params = (req.body ?? {}) as Record<string, string>;
      const report = textStatusFromTwilio(params);
      if (!report || !signedFor(req, params, report.lineNumber) || !opts.texts.isOurs(report)) return reply.code(403).send(REFUSED);
      await opts.texts.recordStatus(report);
      return reply.code(204).send();
    });
  });
}

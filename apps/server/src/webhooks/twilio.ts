// Twilio's voice status callbacks for the clinic's lines: the one place that speaks the provider's wire format.
import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import twilio from "twilio";
import { toE164, type ProviderCallEvent, type ProviderCallStatus } from "@intake/domain";

export const TWILIO_STATUS_PATH = "/webhooks/voice/status";

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
}

export async function registerTwilioWebhook(app: FastifyInstance, opts: TwilioWebhookOptions): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody);
    scope.post(TWILIO_STATUS_PATH, async (req, reply) => {
      const params = (req.body ?? {}) as Record<string, string>;
      const signature = req.headers["x-twilio-signature"];
      // Twilio signs the exact public URL it called, query string included.
      const url = `${(opts.publicBaseUrl ?? "").replace(/\/$/, "")}${req.url}`;
      const event = fromTwilioParams(params, opts.now());
      const token = event && opts.isKnownLine(event.lineNumber) ? opts.authTokenFor(event.lineNumber) : undefined;
      const signed = !!token && !!opts.publicBaseUrl && typeof signature === "string" && twilio.validateRequest(token, signature, url, params);
      // One answer for unsigned, mis-signed and unknown-line requests: nothing here tells a prober which it was.
      if (!event || !signed) return reply.code(403).send({ error: "Not a signed callback for a clinic line." });
      await opts.record(event);
      return reply.code(204).send();
    });
  });
}

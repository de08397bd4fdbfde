// Status callbacks as Twilio sends them: form-encoded, signed by Twilio's own library over the public
// URL and the sorted parameters.
import twilio from "twilio";
import { TWILIO_STATUS_PATH } from "../webhooks/twilio.ts";

export const TEST_AUTH_TOKEN = "12345678901234567890123456789012";
export const TEST_PUBLIC_BASE_URL = "https://intake.example.org";
export const LISTED_LINE = "+18188052469";

let sidSeq = 0;
/** A fresh CallSid, unique within the test process. */
export const newSid = () => `CA${(++sidSeq).toString(16).padStart(32, "0")}`;

export function statusParams(sid: string, status: string, at: Date, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: sid,
    CallStatus: status,
    Direction: "inbound",
    From: "+13235550177",
    To: LISTED_LINE,
    Timestamp: at.toUTCString(),
    ...extra,
  };
}

/** Posts one callback to the server at `base`; answers the HTTP status (204 when recorded). */
export async function deliverCallback(
  base: string,
  p: Record<string, string>,
  opts: { signWith?: Record<string, string>; url?: string; token?: string } = {},
): Promise<number> {
  return (await deliverSigned(base, TWILIO_STATUS_PATH, p, opts)).status;
}

/** Posts form fields to one of the provider's webhook paths, signed as Twilio signs them (or as `opts` spoils it). */
export async function deliverSigned(
  base: string,
  path: string,
  p: Record<string, string>,
  opts: { signWith?: Record<string, string>; url?: string; token?: string; unsigned?: boolean } = {},
): Promise<Response> {
  const url = opts.url ?? `${TEST_PUBLIC_BASE_URL}${path}`;
  const signature = twilio.getExpectedTwilioSignature(opts.token ?? TEST_AUTH_TOKEN, url, opts.signWith ?? p);
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(opts.unsigned ? {} : { "x-twilio-signature": signature }) },
    body: new URLSearchParams(p).toString(),
  });
}

// Leads that start elsewhere than a call: the channel a lead came in by, the attribution of its
// first and last touch, and the website's inquiry form (POST /api/inquiries, the /inquire page).
import { z } from "zod";
import { plainText, UsPhone } from "../common.ts";

/** How a lead first reached the clinic. `text` is taken by the texting work; `referral` by referring providers. */
export const LEAD_CHANNELS = ["call", "web", "text", "referral"] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];
export const LEAD_CHANNEL_LABELS: Record<LeadChannel, string> = {
  call: "Phone call",
  web: "Website",
  text: "Text message",
  referral: "Referral",
};
export const LeadChannel = z.enum(LEAD_CHANNELS, { message: `Channel must be one of: ${LEAD_CHANNELS.join(", ")}` });

export const PREFERRED_CONTACTS = ["call", "text", "email"] as const;
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];
/** The languages the form itself is offered in. */
export const INQUIRY_LANGUAGES = ["en", "es"] as const;

/** One touch: where a person came from when they reached the clinic (docs/domain.md, "Channel and attribution"). */
export interface Touch {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  gclid: string | null;
  landingPage: string | null;
  referrer: string | null;
  at: Date;
}

/** The URL parameters a link carries into the form (the standard UTM names, and Google Ads' click id). */
export const ATTRIBUTION_PARAMS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid"] as const;

const short = (what: string, max: number) =>
  z
    .string({ message: `${what} must be text` })
    .trim()
    .max(max, `${what} can be at most ${max} characters`)
    .superRefine(plainText(what))
    .optional()
    .transform((v) => (v ? v : undefined));

/** A page address: http(s) only, at most 2,000 characters; anything else is dropped, not refused (a browser sent it, not the person). */
const pageUrl = (what: string) =>
  z
    .string({ message: `${what} must be text` })
    .trim()
    .max(2000, `${what} can be at most 2000 characters`)
    .superRefine(plainText(what))
    .optional()
    .transform((v) => (v && /^https?:\/\/[^\s/]+/i.test(v) ? v : undefined));

/** A form sends "on", "true", "1" or "yes" for a ticked box; JSON sends a boolean. */
const formBoolean = (what: string) =>
  z
    .union([z.boolean(), z.enum(["on", "true", "1", "yes", "false", "0", "no", "off", ""])], { message: `${what} must be true or false` })
    .optional()
    .transform((v) => v === true || v === "on" || v === "true" || v === "1" || v === "yes");

/** An empty form field is the same as a field left out. */
const blankAsMissing = (v: unknown) => (v === "" ? undefined : v);

/**
 * What the website sends. `website` is the honeypot: people never see it and leave it empty, a bot
 * fills it in. Messages name the field and what to fix, never what was sent.
 */
export const InquiryInput = z.object({
  name: z.string({ message: "Enter your name" }).trim().min(1, "Enter your name").max(200, "Name can be at most 200 characters").superRefine(plainText("Name")),
  phone: UsPhone,
  email: z.preprocess(blankAsMissing, z.email("Enter an email address such as name@example.com").max(254, "Email can be at most 254 characters").optional()),
  message: z.preprocess(
    blankAsMissing,
    z.string({ message: "Message must be text" }).trim().max(2000, "Message can be at most 2000 characters").superRefine(plainText("Message", true)).optional(),
  ),
  preferredContact: z.preprocess(blankAsMissing, z.enum(PREFERRED_CONTACTS, { message: "Preferred contact must be call, text or email" }).optional()),
  language: z.preprocess(blankAsMissing, z.enum(INQUIRY_LANGUAGES, { message: "Language must be en or es" }).optional()),
  textConsent: formBoolean("Text consent"),
  utm_source: short("utm_source", 100),
  utm_medium: short("utm_medium", 100),
  utm_campaign: short("utm_campaign", 100),
  utm_term: short("utm_term", 100),
  utm_content: short("utm_content", 100),
  gclid: short("gclid", 200),
  landingPage: pageUrl("Landing page"),
  referrer: pageUrl("Referrer"),
  website: z.string({ message: "Leave this field empty" }).max(2000, "Leave this field empty").optional(),
});
export type InquiryInput = z.infer<typeof InquiryInput>;
/** What the form holds before it is checked (every field as typed). */
export type InquiryForm = z.input<typeof InquiryInput>;

/** The host of a page address, without `www.`, or null. */
function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/**
 * The touch an inquiry records. Source: `utm_source`; else `google` for an ad click (a `gclid`);
 * else the referring site's host when it is another site; else `website`. Medium likewise:
 * `utm_medium`, else `cpc` for an ad click, `referral` for another site, none for a direct visit.
 */
export function inquiryTouch(input: InquiryInput, at: Date): Touch {
  const landingHost = hostOf(input.landingPage);
  const referrerHost = hostOf(input.referrer);
  const fromElsewhere = referrerHost && referrerHost !== landingHost ? referrerHost : null;
  return {
    source: input.utm_source ?? (input.gclid ? "google" : (fromElsewhere ?? "website")),
    medium: input.utm_medium ?? (input.gclid ? "cpc" : fromElsewhere ? "referral" : null),
    campaign: input.utm_campaign ?? null,
    term: input.utm_term ?? null,
    content: input.utm_content ?? null,
    gclid: input.gclid ?? null,
    landingPage: input.landingPage ?? null,
    referrer: input.referrer ?? null,
    at,
  };
}

/** A call on a clinic line is a touch whose source is the line's (docs/domain.md, "Channel and attribution"). */
export function callTouch(lineSource: string | null, at: Date): Touch {
  return { source: lineSource, medium: null, campaign: null, term: null, content: null, gclid: null, landingPage: null, referrer: null, at };
}

/** The attribution parameters of a page address's query, as the form sends them. */
export function attributionFromSearch(search: string): Partial<Record<(typeof ATTRIBUTION_PARAMS)[number], string>> {
  const params = new URLSearchParams(search);
  const out: Partial<Record<(typeof ATTRIBUTION_PARAMS)[number], string>> = {};
  for (const name of ATTRIBUTION_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) out[name] = value.slice(0, name === "gclid" ? 200 : 100);
  }
  return out;
}

/** An inquiry's reference: what the person is told, and the touch is found by. Never says who they are. */
export const INQUIRY_REFERENCE = /^INQ-[0-9A-HJKMNP-TV-Z]{10}$/;

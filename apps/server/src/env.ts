// Configuration comes from the environment, read and checked here once.
import { isIP } from "node:net";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatNational, toE164 } from "@intake/domain";

/** The repository root: relative paths in configuration are taken from here, however the server was launched. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const fromRoot = (path: string) => (path === ":memory:" || isAbsolute(path) ? path : resolve(REPO_ROOT, path));

/** What fastify's trustProxy takes: nothing trusted, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const isAddressOrRange = (entry: string) => {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

/** `false`, `true` (one hop), a hop count, or addresses/CIDR ranges; null when it is none of these. */
export function parseTrustProxy(value: string): TrustProxy | null {
  if (value === "false" || value === "0") return false;
  if (value === "true") return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  return entries.length > 0 && entries.every(isAddressOrRange) ? entries : null;
}

/** `https://www.clinic.org` as a browser sends it in Origin, or null when the entry is not an origin alone. */
export function parseOrigin(entry: string): string | null {
  try {
    const url = new URL(entry);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    // A host name, an IPv4 address or a bracketed IPv6 one: no wildcards, which browsers never send.
    if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) return null;
    if (url.pathname !== "/" || url.search || url.hash || url.username || url.password || entry.replace(/\/$/, "") !== url.origin) return null;
    return url.origin;
  } catch {
    return null;
  }
}

const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  INTAKE_DB: z.string().min(1).default("./data/intake.sqlite").transform(fromRoot),
  /** Where the built dashboard lives; the server serves it at `/`. */
  WEB_DIST: z.string().transform(fromRoot).optional(),
  /** Demo leads to generate in a new non-production database. */
  DEMO_LEADS: z.coerce.number().int().min(0).max(100_000).default(2000),
  /** The telephony provider's auth token, which signs its webhooks; unset, every webhook is refused. */
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  /** The telephony account texts are sent from (with TWILIO_AUTH_TOKEN); unset, texting is refused. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "TWILIO_ACCOUNT_SID is AC followed by 32 hex digits, as the provider's console shows it")
    .optional(),
  /** The provider's REST API base; tests and compatible providers point it elsewhere. */
  TWILIO_API_BASE: z
    .url({ protocol: /^https?$/, message: "TWILIO_API_BASE must be an http(s) URL such as https://api.twilio.com" })
    .default("https://api.twilio.com"),
  /** Hours before a booked consult its text reminders go out, comma-separated (e.g. 48,2). */
  TEXT_REMINDER_HOURS: z
    .string()
    .default("48,2")
    .transform((value, ctx) => {
      const hours = value.split(",").map((h) => Number(h.trim()));
      if (hours.length === 0 || hours.length > 4 || hours.some((h) => !Number.isInteger(h) || h < 1 || h > 336)) {
        ctx.addIssue({ code: "custom", message: "TEXT_REMINDER_HOURS is up to four whole numbers of hours from 1 to 336, comma-separated, like 48,2" });
        return z.NEVER;
      }
      return [...new Set(hours)].sort((a, b) => b - a);
    }),
  /** The public origin the provider calls (the server sits behind a proxy), e.g. https://intake.clinic.org */
  PUBLIC_BASE_URL: z.url().optional(),
  /** The EHR's FHIR R4 base URL; "Send to EHR" posts a lead's transaction bundle there. Unset, nothing is sent. */
  FHIR_BASE_URL: z.url({ protocol: /^https?$/, message: "FHIR_BASE_URL must be an http(s) URL such as https://ehr.clinic.org/fhir/R4" }).optional(),
  /**
   * The web origins whose pages may send the inquiry form from the browser (POST /api/inquiries),
   * comma-separated, e.g. `https://www.clinic.org,https://clinic.org`. The dashboard's own origin
   * always may; unset, no other.
   */
  INQUIRY_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx): string[] => {
      const entries = (value ?? "")
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      const origins: string[] = [];
      for (const entry of entries) {
        const origin = parseOrigin(entry);
        if (origin) origins.push(origin);
        else {
          ctx.addIssue({
            code: "custom",
            message: "INQUIRY_ORIGINS lists web origins separated by commas, each written like https://www.clinic.org (no path)",
          });
          return z.NEVER;
        }
      }
      return origins;
    }),
  /** Write the request log to this file instead of standard output. */
  LOG_FILE: z.string().transform(fromRoot).optional(),
  /** The on-call clinician's number, shown when no clinician is online and in every escalation. */
  ON_CALL_PHONE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return null;
      const e164 = toE164(v);
      if (!e164) ctx.addIssue({ code: "custom", message: "Write a US phone number, e.g. (818) 555-0199." });
      return e164;
    }),
  /** Minutes an urgent handoff may wait for a clinician's acknowledgement before it is escalated. */
  URGENT_ACK_MINUTES: z.coerce.number().int().min(1).max(120).default(5),
  /**
   * Automatic logoff after this many idle minutes (HIPAA asks for one; 15 by default). Fractions
   * are accepted so browser tests can watch a logoff happen in seconds.
   */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().max(60).default(15),
  /** Replicate the database with Litestream to this file://, s3:// or sftp:// URL. */
  INTAKE_REPLICA: z
    .string()
    .regex(/^(file|s3|sftp):\/\/./, "INTAKE_REPLICA must be a file://, s3:// or sftp:// URL")
    .optional(),
  /**
   * With a replica: restore its newest copy aside this often and put it through SQLite's integrity
   * check; a damaged copy makes Litestream start a new generation. 0 turns the check off; fractions
   * are accepted so a test can watch a check in seconds.
   */
  INTAKE_REPLICA_CHECK_MINUTES: z.coerce.number().min(0).max(10_080).default(60),
  /** A bearer token that may read /metrics from elsewhere than this machine. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /**
   * The proxies in front, whose X-Forwarded-For / -Proto / -Host entries are believed: `false` (none,
   * the default), a number of proxy hops (`true` is one: the nearest proxy only), or a comma-separated
   * list of the proxies' addresses or CIDR ranges. The client's address is then the right-most entry
   * no trusted proxy added, so whatever a client writes into the header itself changes nothing.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("false")
    .transform((value, ctx): TrustProxy => {
      const trusted = parseTrustProxy(value);
      if (trusted === null) {
        ctx.addIssue({
          code: "custom",
          message:
            "TRUST_PROXY is false, true (one proxy), a number of proxy hops like 2, or the proxies' addresses or CIDR ranges separated by commas, like 10.0.0.5,10.1.0.0/16",
        });
        return z.NEVER;
      }
      return trusted;
    }),
});
export type Env = z.infer<typeof Env>;

/** What the API's procedures and the alert clock need to know of the configuration. */
export function alertSettings(env: Env) {
  return {
    sessionIdleMs: Math.round(env.SESSION_IDLE_MINUTES * 60_000),
    onCallPhone: env.ON_CALL_PHONE,
    urgentAckMinutes: env.URGENT_ACK_MINUTES,
    reminderHours: env.TEXT_REMINDER_HOURS,
  };
}

/** The on-call number as people read it, for the start-up lines. */
export const onCallText = (env: Env) => (env.ON_CALL_PHONE ? formatNational(env.ON_CALL_PHONE) : "not set (ON_CALL_PHONE)");

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Configuration is not valid:\n${problems}`);
  }
  return parsed.data;
}

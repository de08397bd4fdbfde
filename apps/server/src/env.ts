// Configuration comes from the environment, read and checked here once.
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The repository root: relative paths in configuration are taken from here, however the server was launched. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const fromRoot = (path: string) => (path === ":memory:" || isAbsolute(path) ? path : resolve(REPO_ROOT, path));

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
  /** The public origin the provider calls (the server sits behind a proxy), e.g. https://intake.clinic.org */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Write the request log to this file instead of standard output. */
  LOG_FILE: z.string().transform(fromRoot).optional(),
  /** Replicate the database with Litestream to this file://, s3:// or sftp:// URL. */
  INTAKE_REPLICA: z
    .string()
    .regex(/^(file|s3|sftp):\/\/./, "INTAKE_REPLICA must be a file://, s3:// or sftp:// URL")
    .optional(),
  /** A bearer token that may read /metrics from elsewhere than this machine. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** Set when a proxy in front terminates TLS, so cookies are marked Secure. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Configuration is not valid:\n${problems}`);
  }
  return parsed.data;
}

// The HTTP process: tRPC at /trpc, a lead's FHIR bundle at /fhir/Bundle/<leadId>, the dashboard at /, and /healthz.
import { existsSync } from "node:fs";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { TRPCError } from "@trpc/server";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from "fastify";
import helmet from "helmet";
import {
  appRouter,
  createCaller,
  DEFAULT_ALERT_SETTINGS,
  inlineReports,
  inlineWrites,
  IntakeEvents,
  isKnownLine,
  lineSecretRef,
  mutate,
  afterInboundText,
  isOurText,
  receiveText,
  recordTextStatusReport,
  startAlertClock,
  startPeriodic,
  sendDueReminders,
  textBackMissedCall,
  type TextSender,
  type AlertSettings,
  type AppRouter,
  type Context,
  type ReportExecutor,
  type WriteExecutor,
} from "@intake/api";
import { isWebhookSecretRef, MAX_BATCH_CALLS } from "@intake/domain";
import { registerTwilioWebhook, TWILIO_SMS_STATUS_PATH, twilioTextSender } from "./webhooks/twilio.ts";
import { INQUIRY_PATH, registerInquiries } from "./inquiries.ts";
import { registerHealth, type ReadinessOptions } from "./health.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import type { Db, OpenedDb } from "@intake/db";

export const SESSION_COOKIE = "intake_session";
/** Over https the cookie takes the __Host- prefix: the browser then insists on Secure, path=/ and no Domain. */
export const SECURE_SESSION_COOKIE = "__Host-intake_session";
/** How long the person at the dashboard has been away from keyboard and pointer (see Context.clientIdleMs). */
export const IDLE_HEADER = "x-intake-idle-ms";
const idleHeader = (value: string | string[] | undefined): number | null => {
  const n = typeof value === "string" ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/** Sent by the dashboard's API client on every request; see the CSRF hook below. */
export const CSRF_HEADER = "x-intake-csrf";

export interface AppOptions {
  /** The opened database with its keys (the audit trail is signed with one of them). */
  db: Db & OpenedDb;
  /**
   * The connection requests read on; by default `db`. The server opens it read-only: every write
   * goes to `writes`, so no request waits for SQLite's write lock on the event loop.
   */
  reads?: Db & OpenedDb;
  /** Where every write runs (each change with its audit entry); by default inline, on `db`. */
  writes?: WriteExecutor;
  /** Where managers' figures are computed; by default inline, on `db`. */
  reports?: ReportExecutor;
  webDist?: string | undefined;
  /**
   * The proxies in front (see TRUST_PROXY in env.ts): false, a hop count (true is one hop), or their
   * addresses. Never fastify's `true`, which would believe every address a client writes in X-Forwarded-For.
   */
  trustProxy?: boolean | number | string[];
  /** Prometheus metrics at /metrics (by default ones the app keeps itself), and who may read them. */
  metrics?: Metrics;
  metricsToken?: string | undefined;
  /** What /readyz checks besides the database. */
  readiness?: Omit<ReadinessOptions, "db">;
  /** Log requests (method, path, status) to standard output, or to a file. */
  logger?: boolean | { file: string };
  now?: () => Date;
  events?: IntakeEvents;
  /** Idle logoff, on-call number, minutes before an urgent handoff escalates (env.ts reads them). */
  settings?: AlertSettings;
  /**
   * How often the alert clock runs (sessions of live streams re-checked, overdue urgent handoffs
   * escalated), in ms; `false` for none (a test then runs `runAlertChecks` itself).
   */
  alertCheckMs?: number | false;
  /** The telephony provider's webhook settings (TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL). */
  telephony?: {
    authToken: string | undefined;
    publicBaseUrl: string | undefined;
    /** Reads a secret a line names by reference (its webhookSecretRef), e.g. from the environment. */
    secret?: (ref: string) => string | undefined;
    /** The account texts are sent from (TWILIO_ACCOUNT_SID); unset, texting is refused with a reason. */
    accountSid?: string | undefined;
    /** Where the provider's REST API is (TWILIO_API_BASE). */
    apiBase?: string | undefined;
  };
  /** Sends texts; by default the provider's client built from `telephony` (a test may pass its own). */
  texts?: TextSender | null;
  /** How often due consult reminders are sent, in ms (30 s by default); `false` for none. */
  reminderCheckMs?: number | false;
  /** The EHR's FHIR base URL that "Send to EHR" posts to (FHIR_BASE_URL); unset, nothing is sent. */
  fhirBaseUrl?: string | undefined;
  /** Other web origins whose pages may send the inquiry form (INQUIRY_ORIGINS). */
  inquiryOrigins?: readonly string[];
}

/**
 * One log line per answered request (not one on arrival and one on answer), with method, path and
 * status only: never bodies, query strings or cookies.
 */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = { method: req.method, url: req.url.split("?")[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    // The error's kind only: its message could quote what the request carried.
    if (error || reply.statusCode >= 500) req.log.error({ ...line, err: error?.name }, "request completed");
    else req.log.info(line, "request completed");
  }
}

const NO_STORE = "no-store";
/** Smaller answers fit in a packet or two as they are; compressing them costs more than it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;
const IMMUTABLE = "public, max-age=31536000, immutable";
const isUncacheable = (url: string) => url.startsWith("/trpc") || url.startsWith("/webhooks/");

/**
 * Fastify's own `true` believes every X-Forwarded-For entry (the client's made-up ones too), and its
 * hop count trusts nothing, so hops are counted here: the peer and the next n - 1 entries from the
 * right are proxies, and the entry before them is the client.
 */
function proxyTrust(setting: boolean | number | string[]): false | string[] | ((address: string, hop: number) => boolean) {
  const hops = setting === true ? 1 : setting;
  if (hops === false || hops === 0) return false;
  if (typeof hops === "number") return (_address, hop) => hop < hops;
  return hops;
}

/**
 * tRPC answers with a fetch Response, whose status and headers fastify only applies after the onSend
 * hooks; the compressor (an onSend hook) would then take a live stream for JSON and hold its events
 * back. Applied here first, so it sees the real type; a JSON answer is read into a buffer, so the
 * size threshold applies to it.
 */
async function settleFetchResponse(_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!(payload instanceof Response)) return payload;
  reply.code(payload.status);
  payload.headers.forEach((value, name) => void reply.header(name, value));
  if (payload.body === null) return null;
  if (/^text\/event-stream/.test(payload.headers.get("content-type") ?? "")) return payload.body;
  return Buffer.from(await payload.arrayBuffer());
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    trustProxy: proxyTrust(opts.trustProxy ?? false),
    logger: opts.logger
      ? {
          ...(typeof opts.logger === "object" ? { file: opts.logger.file } : {}),
          // Fastify's own error lines name the request too: method and path only, never the query string.
          serializers: { req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split("?")[0] }) },
        }
      : false,
    logController: new OneLineRequestLog(),
    // Batched tRPC GETs carry several procedure names in one path segment.
    routerOptions: { maxParamLength: 5000 },
  });
  await app.register(fastifyCookie);
  // API answers over 1 kB go out compressed (br, else gzip) to a browser that asks. Live streams
  // (text/event-stream) never are: the compressor would hold events back until its buffer fills.
  // The dashboard's files are compressed once, at build time (`preCompressed` below).
  app.addHook("onSend", settleFetchResponse);
  await app.register(fastifyCompress, { global: true, threshold: COMPRESS_THRESHOLD_BYTES, encodings: ["br", "gzip"] });
  // Security headers, built once: the same set on every answer.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Inline style attributes only (React's `style`); never inline scripts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "no-referrer" },
    // Browsers heed HSTS only over https; over plain http it is ignored.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)));
  // Answers from the API and the webhook carry patient data or say something about it: no cache (the
  // browser's, a proxy's) may keep them. Set first thing, so refusals by the hooks below carry it too.
  app.addHook("onRequest", async (req, reply) => {
    if (isUncacheable(req.url)) reply.header("cache-control", NO_STORE);
  });

  // CSRF: a state-changing request must carry a header a cross-site form cannot send, and come from our own origin.
  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "POST" || !req.url.startsWith("/trpc")) return;
    const origin = req.headers.origin;
    const expected = `${req.protocol}://${req.host}`;
    if (req.headers[CSRF_HEADER] !== "1" || (origin !== undefined && origin !== expected)) {
      return reply.code(403).send({ error: { message: "This request did not come from the Iris Intake dashboard.", code: "FORBIDDEN" } });
    }
  });

  // One request may carry at most MAX_BATCH_CALLS procedure calls (the dashboard's client splits longer
  // batches), so a single request cannot fan out into hundreds of reads, each one audited.
  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/trpc/") || (req.query as Record<string, unknown>).batch !== "1") return;
    const calls = ((req.params as { path?: string }).path ?? "").split(",").length;
    if (calls > MAX_BATCH_CALLS) {
      return reply.code(400).send({
        error: { message: `A batch can hold at most ${MAX_BATCH_CALLS} calls; this one held ${calls}. Send the rest in another request.`, code: "BAD_REQUEST" },
      });
    }
  });

  const metrics = opts.metrics ?? createMetrics();
  metrics.register(app, { token: opts.metricsToken });

  const now = opts.now ?? (() => new Date());
  const events = opts.events ?? new IntakeEvents();
  const writes = opts.writes ?? inlineWrites(opts.db);
  const reports = opts.reports ?? inlineReports(opts.db);
  const settings = opts.settings ?? DEFAULT_ALERT_SETTINGS;
  const reads = opts.reads ?? opts.db;
  const publicBase = opts.telephony?.publicBaseUrl?.replace(/\/$/, "");
  const texts: TextSender | null =
    opts.texts !== undefined
      ? opts.texts
      : opts.telephony?.accountSid && opts.telephony.authToken
        ? twilioTextSender({
            accountSid: opts.telephony.accountSid,
            authToken: opts.telephony.authToken,
            apiBase: opts.telephony.apiBase ?? "https://api.twilio.com",
            statusCallback: publicBase ? `${publicBase}${TWILIO_SMS_STATUS_PATH}` : undefined,
          })
        : null;
  // Texts read on the request connection like everything else; their changes go to the writer.
  const texting = { db: reads, writes, events, texts, now };
  const createContext = ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context => {
    const secure = req.protocol === "https";
    const cookieOptions = { path: "/", httpOnly: true, sameSite: "strict" as const, secure };
    const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
    return {
      db: reads,
      writes,
      reports,
      now,
      ip: req.ip ?? null,
      events,
      settings,
      audit: { actor: null },
      clientIdleMs: idleHeader(req.headers[IDLE_HEADER]),
      fhirBaseUrl: opts.fhirBaseUrl ?? null,
      texts,
      cookie: {
        token: req.cookies[name] ?? null,
        set: (token, expiresAt) => void res.setCookie(name, token, { ...cookieOptions, expires: expiresAt }),
        clear: () => void res.clearCookie(name, cookieOptions),
      },
    };
  };

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext,
      // The dashboard sends queries as POST so search text never appears in a URL.
      allowMethodOverride: true,
      // The hook above answers first, in words; this keeps tRPC itself to the same cap.
      maxBatchSize: MAX_BATCH_CALLS,
      // tRPC writes its own headers (a live stream's `no-cache`); every answer, errors and streams included, gets no-store too.
      responseMeta: () => ({ headers: new Headers({ "cache-control": NO_STORE }) }),
      onError({ error, path }) {
        metrics.error(path, error.code);
        // Only unexpected failures are logged, by procedure and code; never the input.
        if (error.code === "INTERNAL_SERVER_ERROR") app.log.error({ path, code: error.code, err: error.cause?.name }, "procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  await registerTwilioWebhook(app, {
    authTokenFor: (e164) => {
      const ref = lineSecretRef(reads, e164);
      if (!ref) return opts.telephony?.authToken;
      // Checked here again: a line stored before the rule (or written past it) must not sign with, say, PORT.
      return isWebhookSecretRef(ref) ? opts.telephony?.secret?.(ref) : undefined;
    },
    publicBaseUrl: opts.telephony?.publicBaseUrl,
    isKnownLine: (e164) => isKnownLine(reads, e164),
    // By the writer, like every change; the callback is answered once it is stored. A missed call's
    // text-back goes out after that (its own writer jobs); a failure is logged, never lost silently.
    record: async (event) => {
      const recorded = await mutate(writes, events, { name: "telephony.record", input: event, actor: null, now: now().getTime(), audit: null });
      if (recorded.textBackLeadId === null) return;
      void textBackMissedCall(texting, recorded.textBackLeadId).catch((error: unknown) =>
        app.log.error({ err: error instanceof Error ? error.name : "unknown" }, "text-back failed"),
      );
    },
    now,
    texts: {
      async receive(text) {
        const outcome = await receiveText(texting, text);
        return { after: () => afterInboundText(texting, outcome) };
      },
      isOurs: (report) => isOurText(reads, report.provider, report.providerMessageId),
      recordStatus: (report) => recordTextStatusReport(texting, report),
      onError: (error) => app.log.error({ err: error instanceof Error ? error.name : "unknown" }, "automatic text failed"),
    },
  });

  await registerInquiries(app, { db: opts.db, writes, events, now, origins: opts.inquiryOrigins ?? [] });

  // The same bundle as fhir.bundle, for scripts holding a session cookie: the procedure runs with
  // its guards and audit entry; errors come back as a FHIR OperationOutcome.
  app.get<{ Params: { leadId: string } }>("/fhir/Bundle/:leadId", async (req, reply) => {
    reply.header("cache-control", "no-store").type("application/fhir+json");
    try {
      const bundle = await createCaller(createContext({ req, res: reply })).fhir.bundle({ leadId: Number(req.params.leadId) });
      return reply.send(JSON.stringify(bundle));
    } catch (error) {
      const trpc = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
      const status = getHTTPStatusCodeFromError(trpc);
      const code = { 400: "invalid", 401: "login", 403: "forbidden", 404: "not-found" }[status] ?? "exception";
      // Our messages say what to fix and never quote patient data; an unexpected failure says nothing more.
      const diagnostics =
        status >= 500 ? "Something went wrong on the server. Try again." : status === 400 ? "The lead id must be a positive whole number." : trpc.message;
      if (status >= 500) app.log.error({ path: "fhir.bundle", err: trpc.cause?.name }, "procedure failed");
      return reply.code(status).send(JSON.stringify({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] }));
    }
  });

  // One clock for the whole process, reading the database: an escalation is stored, so one that fell
  // due while the server was down fires at start, and never twice.
  if (opts.alertCheckMs !== false) {
    const clock = startAlertClock({ db: reads, writes, events, settings, now, texts }, opts.alertCheckMs, (error) =>
      app.log.error({ err: error instanceof Error ? error.name : "unknown" }, "alert check failed"),
    );
    app.addHook("onClose", () => clock.stop());
  }

  // Consult reminders are stored rows: a reminder that fell due while the server was down goes out at
  // start (within the clinic's text hours), and a claimed one never goes out twice.
  if (texts && opts.reminderCheckMs !== false) {
    const reminders = startPeriodic(
      () => sendDueReminders(texting),
      opts.reminderCheckMs ?? 30_000,
      (error) => app.log.error({ err: error instanceof Error ? error.name : "unknown" }, "reminder pass failed"),
    );
    app.addHook("onClose", () => reminders.stop());
  }

  registerHealth(app, { db: opts.db, ...opts.readiness });

  const webDist = resolve(opts.webDist ?? DEFAULT_WEB_DIST);
  const assetsDir = resolve(webDist, "assets") + sep;
  if (existsSync(resolve(webDist, "index.html"))) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: "/",
      wildcard: true,
      // The build writes a .br and a .gz beside each file (apps/web/build/precompress.ts): sent as they are.
      preCompressed: true,
      cacheControl: false,
      // The build names assets by their content, so they never change: browsers keep them for a year.
      // The index names the current assets: it is revalidated on every load, so a new build shows at once.
      // Each file is sent in the encoding the browser accepts, so a shared cache must keep them apart.
      setHeaders: (res, path) => {
        res.setHeader("cache-control", path.startsWith(assetsDir) ? IMMUTABLE : "no-cache");
        res.setHeader("vary", "accept-encoding");
      },
    });
    // The dashboard routes in the browser: any other GET that is not an API call gets index.html.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === "GET" && !req.url.startsWith("/trpc") && !req.url.startsWith("/healthz") && !req.url.startsWith(INQUIRY_PATH)) {
        return reply.type("text/html").sendFile("index.html");
      }
      return reply.code(404).send({ error: "Not found" });
    });
  } else {
    app.get("/", async (_req, reply) => reply.type("text/plain").send("The dashboard is not built yet: run `pnpm build`, then start the server again."));
  }
  return app;
}

// The website's inquiry form: POST /api/inquiries, public, JSON or form-encoded, sent from the
// clinic's own pages (INQUIRY_ORIGINS) or the dashboard's /inquire page.
import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { inquiryLimitKeys, mutate, newInquiryReference, type IntakeEvents, type WriteExecutor } from "@intake/api";
import { InquiryInput } from "@intake/domain";
import type { Db, OpenedDb } from "@intake/db";

export const INQUIRY_PATH = "/api/inquiries";
/** A form of a few fields and a message of at most 2,000 characters fits many times over. */
const BODY_LIMIT = 32 * 1024;
/** How long a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_S = 600;

export interface InquiryRouteOptions {
  db: Db & OpenedDb;
  writes: WriteExecutor;
  events: IntakeEvents;
  now: () => Date;
  /** Origins besides the dashboard's own whose pages may send the form (INQUIRY_ORIGINS). */
  origins: readonly string[];
}

const answer = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).header("cache-control", "no-store").send(body);

/** What a refused body is told: in our words, never the parser's (which can quote what was sent). */
function bodyError(error: { statusCode?: number; code?: string }) {
  if (error.statusCode === 413) return { status: 413, message: `The inquiry is too large: send at most ${BODY_LIMIT / 1024} kB.` };
  if (error.statusCode === 415)
    return { status: 415, message: "Send the inquiry as JSON (application/json) or as a form (application/x-www-form-urlencoded)." };
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: 400, message: "The inquiry could not be read: send a JSON object or a form (application/x-www-form-urlencoded)." };
  }
  return null;
}

export async function registerInquiries(app: FastifyInstance, opts: InquiryRouteOptions): Promise<void> {
  const allowed = new Set(opts.origins);
  let lastSweep = 0;

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: BODY_LIMIT });

    // Cross-origin only from the listed origins. A browser always names the origin of a cross-site
    // POST, form posts included (they need no preflight), so a foreign page's is refused here with
    // nothing stored; a request without Origin is no browser's cross-site request.
    scope.addHook("onRequest", async (req, reply) => {
      const origin = req.headers.origin;
      if (origin === undefined) return;
      const own = origin === `${req.protocol}://${req.host}`;
      if (!own && !allowed.has(origin)) {
        return answer(reply, 403, { error: { code: "FORBIDDEN", message: "Inquiries are accepted only from the clinic's own web pages." } });
      }
      if (!own) reply.header("access-control-allow-origin", origin).header("vary", "Origin");
    });

    scope.setErrorHandler((error: { statusCode?: number; code?: string; name?: string }, _req: FastifyRequest, reply: FastifyReply) => {
      const refused = bodyError(error);
      if (refused) return answer(reply, refused.status, { error: { code: "BAD_REQUEST", message: refused.message } });
      scope.log.error({ path: INQUIRY_PATH, err: error.name }, "inquiry failed");
      return answer(reply, 500, {
        error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side. Please call the clinic or try again later." },
      });
    });

    scope.options(INQUIRY_PATH, async (_req, reply) =>
      reply
        .code(204)
        .header("access-control-allow-methods", "POST")
        .header("access-control-allow-headers", "content-type")
        .header("access-control-max-age", String(PREFLIGHT_MAX_AGE_S))
        .send(),
    );

    scope.post(INQUIRY_PATH, { bodyLimit: BODY_LIMIT }, async (req, reply) => {
      const body: unknown = req.body;
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        return answer(reply, 400, { error: { code: "BAD_REQUEST", message: "Send the inquiry's fields as a JSON object or a form." } });
      }
      const parsed = InquiryInput.safeParse(body);
      if (!parsed.success) {
        const { fieldErrors } = z.flattenError(parsed.error);
        return answer(reply, 400, { error: { code: "BAD_REQUEST", message: "Check the fields named in fieldErrors.", fieldErrors } });
      }
      const input = parsed.data;
      const now = opts.now();
      const sweep = now.getTime() - lastSweep > 60_000;
      if (sweep) lastSweep = now.getTime();
      // The honeypot is filled by bots, never by people: it counts against the address, stores nothing.
      const honeypot = (input.website ?? "").trim() !== "";
      const keys = inquiryLimitKeys(opts.db, req.ip ?? null, honeypot ? null : input.phone);
      // Counted by the writer, like every write: two posts at once cannot both take the last slot.
      const slot = await mutate(opts.writes, opts.events, { name: "inquiry.slot", input: { keys, sweep }, actor: null, now: now.getTime(), audit: null });
      if (!slot.ok) {
        const seconds = Math.max(1, Math.ceil(slot.retryAfterMs / 1000));
        return answer(reply.header("retry-after", String(seconds)), 429, {
          error: { code: "TOO_MANY_REQUESTS", message: `Too many inquiries from here: try again in ${Math.ceil(seconds / 60)} minute(s), or call the clinic.` },
        });
      }
      if (honeypot) return answer(reply, 202, { reference: newInquiryReference() });
      // The lead (or its new touch) and the audit entry naming the website commit together.
      const received = await mutate(opts.writes, opts.events, {
        name: "inquiry.receive",
        input: { inquiry: input, ip: req.ip ?? null },
        actor: null,
        now: now.getTime(),
        audit: null,
      });
      // The same answer whether the number was known or not.
      return answer(reply, 202, { reference: received.reference });
    });
  });
}

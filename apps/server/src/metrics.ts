// Prometheus metrics (text format, prom-client): per procedure, the database's queues and log, live
// streams, sign-in refusals, replica checks. Served to this machine only, or to whoever holds METRICS_TOKEN.
import { timingSafeEqual } from "node:crypto";
import { statSync } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { appRouter } from "@intake/api";
import { isLoopback } from "./exposure.ts";
import type { ReplicaCheck } from "./replication.ts";

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));
/** A subscription's name starts with `on` (`workQueue.onChange`): it is a live stream, not a request. */
const isStream = (procedure: string) => /(^|\.)on[A-Z]/.test(procedure);

export interface MetricsSources {
  /** Operations handed to the writer thread and not yet committed. */
  writeQueueDepth?: () => number;
  /** The database file, whose `-wal` beside it is the write-ahead log. */
  dbPath?: string;
}

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(sources: MetricsSources = {}) {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: "intake_requests_total",
    help: "tRPC requests answered, by procedure and HTTP status",
    labelNames: ["procedure", "status"],
    registers,
  });
  const latency = new Histogram({
    name: "intake_request_duration_seconds",
    help: "Time to answer a tRPC request, by procedure",
    labelNames: ["procedure"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const errors = new Counter({
    name: "intake_procedure_errors_total",
    help: "Procedures that answered with an error, by code",
    labelNames: ["procedure", "code"],
    registers,
  });
  new Gauge({
    name: "intake_write_queue_depth",
    help: "Writes handed to the writer thread and not yet committed",
    registers,
    collect() {
      this.set(sources.writeQueueDepth?.() ?? 0);
    },
  });
  new Gauge({
    name: "intake_wal_bytes",
    help: "Size of the database's write-ahead log",
    registers,
    collect() {
      let size = 0;
      try {
        if (sources.dbPath) size = statSync(`${sources.dbPath}-wal`).size;
      } catch {
        // no log file right now
      }
      this.set(size);
    },
  });
  const checkpoints = new Histogram({
    name: "intake_checkpoint_duration_seconds",
    help: "Time each checkpoint took (copying the write-ahead log into the database file)",
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers,
  });
  const replicaChecks = new Counter({
    name: "intake_replica_checks_total",
    help: "Newest copies restored from the replica and checked, by result (sound, damaged, unavailable)",
    labelNames: ["result"],
    registers,
  });
  const replicaSound = new Gauge({
    name: "intake_replica_last_sound_check_seconds",
    help: "When a copy restored from the replica last passed its check (Unix time)",
    registers,
  });
  const streams = new Gauge({ name: "intake_live_stream_clients", help: "Dashboards connected to a live stream now", registers });
  const signInFailures = new Counter({ name: "intake_sign_in_failures_total", help: "Sign-ins refused (wrong email, password or code)", registers });
  const lockouts = new Counter({ name: "intake_sign_in_lockouts_total", help: "Sign-ins refused because the email or address must wait", registers });

  return {
    registry,
    checkpoint: (ms: number) => checkpoints.observe(ms / 1000),
    replicaCheck(result: ReplicaCheck["result"]) {
      replicaChecks.inc({ result });
      if (result === "sound") replicaSound.setToCurrentTime();
    },
    /** A procedure's error, as tRPC reports it. */
    error(path: string | undefined, code: string) {
      const procedure = path && PROCEDURES.has(path) ? path : "unknown";
      errors.inc({ procedure, code });
      if (procedure === "auth.signIn" && code === "UNAUTHORIZED") signInFailures.inc();
      if (procedure === "auth.signIn" && code === "TOO_MANY_REQUESTS") lockouts.inc();
    },
    /** Counts requests and times them by procedure (a batch counts for each), and live streams while they stay open. */
    register(app: FastifyInstance, opts: { token?: string | undefined }) {
      const procedures = (req: FastifyRequest) => {
        const path = req.url.split("?")[0]!;
        if (!path.startsWith("/trpc/")) return [];
        return decodeURIComponent(path.slice(6))
          .split(",")
          .map((p) => (PROCEDURES.has(p) ? p : "unknown"));
      };
      app.addHook("onRequest", async (req, reply) => {
        const [first] = procedures(req);
        if (req.method !== "GET" || !first || !isStream(first)) return;
        streams.inc();
        // The stream's response ends (the server ended it) or its connection goes (the tab closed).
        reply.raw.once("close", () => streams.dec());
      });
      app.addHook("onResponse", async (req, reply) => {
        for (const procedure of procedures(req)) {
          if (isStream(procedure)) continue;
          requests.inc({ procedure, status: String(reply.statusCode) });
          latency.observe({ procedure }, reply.elapsedTime / 1000);
        }
      });
      app.get("/metrics", async (req, reply) => {
        if (!metricsAllowed(req, opts.token)) {
          return reply.code(403).type("text/plain").send("Metrics are served to this machine, or with METRICS_TOKEN as a bearer token.\n");
        }
        return reply.type(registry.contentType).send(await registry.metrics());
      });
    },
  };
}

/**
 * This machine (and no proxy in between: a local proxy's requests come from loopback too, but it
 * says whom it forwards for), or the bearer token.
 */
function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  const auth = req.headers.authorization ?? "";
  if (token && auth.startsWith("Bearer ")) {
    const given = Buffer.from(auth.slice(7));
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  const forwarded = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && isLoopback(req.socket.remoteAddress ?? "");
}

// This app's own ceiling for `POST /trpc/call.log`: the server's request thread as it runs (cookie,
// session, CSRF check, input validation, the capability check, the job handed over, metrics, the
// answer through superjson), with a writer that stores nothing and answers at once. call.log cannot go
// faster than this on the same machine, whatever its writer does; the gap between the two is what the
// writer's commits cost on the same cores. Reads run on the bench database, read-only; the few other
// writes (none are expected while it runs) are written inline.
import { inlineWrites, type RouterOutputs, type WriteExecutor } from "@intake/api";
import { openDb } from "@intake/db";
import type { CallLogInput } from "@intake/domain";
import { buildApp } from "../src/app.ts";

const path = process.env.INTAKE_DB;
if (!path) throw new Error("Set INTAKE_DB to the bench database.");
const db = openDb({ path, migrate: false });
const inline = inlineWrites(db);
/** The job call.log hands the writer (threads/mutations.ts), as far as this answer needs it. */
type CallLogJob = { name: string; input: CallLogInput; actor: { id: number } | null };
const writes: WriteExecutor = {
  run: (op, args) => {
    const job = args as CallLogJob;
    if (op !== "mutate" || job.name !== "call.log") return inline.run(op, args);
    // The answer call.log gives for a call to a number no lead has: the call echoed back, no lead.
    const call = {
      id: 1,
      direction: job.input.direction,
      lineId: 1,
      otherNumber: job.input.otherNumber,
      startedAt: job.input.startedAt,
      durationSeconds: job.input.durationSeconds,
      outcome: job.input.outcome,
      notes: null,
      handledById: job.actor?.id ?? null,
      leadId: null,
      state: "ended" as const,
      answeredAt: null,
      endedAt: null,
      needsCompletion: false,
      createdAt: new Date(),
    };
    // Typed as the procedure's answer, so it cannot drift from what call.log really sends.
    const value = { call, lead: null, created: false, callbackTaskId: null } satisfies RouterOutputs["call.log"];
    const outcome = { ok: true, value, events: [] };
    // The executor's answer type follows `op`, which TypeScript cannot narrow inside a generic call.
    return Promise.resolve(outcome) as ReturnType<typeof inline.run<"mutate">> as never;
  },
  close: () => inline.close(),
};
const app = await buildApp({
  db,
  reads: openDb({ path, migrate: false, readonly: true }),
  writes,
  // As the bench runs the server (NODE_ENV=production): a log line per request.
  logger: true,
  alertCheckMs: false,
  reminderCheckMs: false,
});
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
console.log("app ceiling ready");
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));

// The shape every live stream shares: `ready`, then the events meant for this person, while their session lasts.
import type { Context } from "../context.ts";
import type { IntakeEvent } from "../events.ts";
import { resolveSession } from "../services/session.ts";
import { sessionRefusal } from "../trpc.ts";

export interface LiveOptions {
  /** A clinician's live inbox counts toward clinical coverage while it is open. */
  clinicianId?: number;
}

/**
 * Starts listening at once, while the procedure is called, so by the time the stream's answer goes
 * out nothing emitted afterwards can be missed (listening inside the generator would start only when
 * the first event is pulled, after the answer). `ready` then says the listener is in place.
 *
 * A session that ends (signed out in another tab, idle logoff, 12 hours, user deactivated) ends the
 * stream with UNAUTHORIZED, never quietly: a quiet end looks like a finished stream to the browser,
 * and a clinician would keep watching a screen no alert can reach. The session is checked at every
 * event, including the `session.check` the server's alert clock sends every few seconds.
 */
export function liveEvents<T extends IntakeEvent>(
  ctx: Context,
  signal: AbortSignal | undefined,
  keep: (event: IntakeEvent) => event is T,
  options?: LiveOptions,
): AsyncGenerator<{ kind: "ready" } | T>;
export function liveEvents(
  ctx: Context,
  signal: AbortSignal | undefined,
  keep: (event: IntakeEvent) => boolean,
  options?: LiveOptions,
): AsyncGenerator<{ kind: "ready" } | IntakeEvent>;
export function liveEvents(ctx: Context, signal: AbortSignal | undefined, keep: (event: IntakeEvent) => boolean, options: LiveOptions = {}) {
  const events = ctx.events.stream(signal);
  const { clinicianId } = options;
  return (async function* () {
    if (clinicianId !== undefined) ctx.events.presence.opened(clinicianId);
    try {
      yield { kind: "ready" as const };
      for await (const event of events) {
        // A lapsed session's removal goes to the writer on its own: the stream ends either way.
        const found = resolveSession(ctx.db, ctx.cookie.token, ctx.now(), {
          touch: false,
          idleMs: ctx.settings.sessionIdleMs,
          write: (change) => void ctx.writes.run("session.write", change).catch(() => {}),
        });
        if (found.status !== "ok") throw sessionRefusal(found.status);
        if (event.kind !== "session.check" && keep(event)) yield event;
      }
    } finally {
      if (clinicianId !== undefined) ctx.events.presence.closed(clinicianId, ctx.now());
    }
  })();
}

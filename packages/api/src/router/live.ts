// The shape every live stream shares: `ready`, then the events meant for this person, while their session lasts.
import type { Context } from "../context.ts";
import type { IntakeEvent } from "../events.ts";
import { resolveSession } from "../services/session.ts";

/**
 * Starts listening at once, while the procedure is called, so by the time the stream's answer goes
 * out nothing emitted afterwards can be missed (listening inside the generator would start only when
 * the first event is pulled, after the answer). `ready` then says the listener is in place.
 */
export function liveEvents<T extends IntakeEvent>(
  ctx: Context,
  signal: AbortSignal | undefined,
  keep: (event: IntakeEvent) => event is T,
): AsyncGenerator<{ kind: "ready" } | T>;
export function liveEvents(ctx: Context, signal: AbortSignal | undefined, keep: (event: IntakeEvent) => boolean): AsyncGenerator<{ kind: "ready" } | IntakeEvent>;
export function liveEvents(ctx: Context, signal: AbortSignal | undefined, keep: (event: IntakeEvent) => boolean) {
  const events = ctx.events.stream(signal);
  return (async function* () {
    yield { kind: "ready" as const };
    for await (const event of events) {
      // A session that ended (signed out, expired, user deactivated) ends the stream.
      if (resolveSession(ctx.db, ctx.cookie.token, ctx.now(), { touch: false }).status !== "ok") return;
      if (keep(event)) yield event;
    }
  })();
}

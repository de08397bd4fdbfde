// How the dashboard's live streams stand, for the indicator and the signed-out cover: one small store
// per signed-in frame, each stream reporting its own state.
import { createContext, use, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { isUnauthorized } from "../../api/errors.ts";
import "./live.css";

/** `signed_out`: the server closed a stream because the session ended; no alert can arrive any more. */
export type LiveState = "connecting" | "live" | "reconnecting" | "signed_out";

/** What the indicator says; the signed-out words are the ones the clinician must act on. */
export const LIVE_TEXT: Record<LiveState, string> = {
  connecting: "Connecting for live updates…",
  live: "Updates live",
  reconnecting: "Reconnecting…",
  signed_out: "Signed out: sign in to get alerts",
};

class LiveStore {
  private readonly streams = new Map<string, LiveState>();
  private readonly listeners = new Set<() => void>();
  private overall: LiveState | null = null;

  report(name: string, state: LiveState | null): void {
    if (state === null) this.streams.delete(name);
    else this.streams.set(name, state);
    const states = [...this.streams.values()];
    // A session that ended stays ended for this frame, whatever the other streams do next.
    const next: LiveState | null =
      this.overall === "signed_out" ? "signed_out" : ((["signed_out", "reconnecting", "connecting", "live"] as const).find((s) => states.includes(s)) ?? null);
    if (next === this.overall) return;
    this.overall = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  get = () => this.overall;
}

const LiveContext = createContext<LiveStore | null>(null);

/** Wraps the signed-in frame; signing in again mounts a new frame and so a fresh store. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new LiveStore());
  return <LiveContext value={store}>{children}</LiveContext>;
}

function useStore(): LiveStore {
  const store = use(LiveContext);
  if (!store) throw new Error("live state is only available inside <LiveProvider>");
  return store;
}

/** The frame's live state: null while it holds no live stream. */
export function useLiveState(): LiveState | null {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.get);
}

interface SubscriptionLike {
  status: "idle" | "connecting" | "pending" | "error";
  error: unknown;
  reset(): void;
}

/** After a failure that is not the end of the session, try again this soon. */
const RETRY_MS = 5_000;

/**
 * Reports one tRPC subscription's state to the frame. The link reconnects a dropped connection by
 * itself ("Reconnecting…" meanwhile); a stream the server closed with an error other than
 * UNAUTHORIZED is started again after a few seconds; UNAUTHORIZED means signed out, for good.
 */
export function useReportLive(name: string, enabled: boolean, subscription: SubscriptionLike): void {
  const store = useStore();
  const [wasLive, setWasLive] = useState(false);
  const { status, error, reset } = subscription;
  const signedOut = status === "error" && isUnauthorized(error);
  const state: LiveState | null = !enabled
    ? null
    : signedOut
      ? "signed_out"
      : status === "pending"
        ? "live"
        : status === "error" || wasLive
          ? "reconnecting"
          : "connecting";
  if (state === "live" && !wasLive) setWasLive(true);
  useEffect(() => {
    store.report(name, state);
  }, [store, name, state]);
  useEffect(() => () => store.report(name, null), [store, name]);
  useEffect(() => {
    if (status !== "error" || signedOut) return;
    const timer = setTimeout(reset, RETRY_MS);
    return () => clearTimeout(timer);
  }, [status, signedOut, reset]);
}

/** The dot and words: live, connecting, reconnecting, or signed out; `announce` for the one a screen reader follows. */
export function LiveIndicator({ announce = false }: { announce?: boolean }) {
  const state = useLiveState();
  if (!state) return null;
  return (
    <p className={`live-state live-${state}`} {...(announce ? { role: "status" } : {})}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{LIVE_TEXT[state]}</span>
    </p>
  );
}

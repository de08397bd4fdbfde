// Autosave for a form on the phone: debounced after each change, at once on blur or when asked,
// one request at a time, retried until it lands, and a warning before the page is left unsaved.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { TRPCClientError } from "@trpc/client";
import { errorSentence } from "../../api/errors.ts";

export type AutosaveStatus =
  { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "retrying"; message: string } | { kind: "failed"; message: string };

export interface Autosave<T> {
  status: AutosaveStatus;
  /** A new value to save: sent `delayMs` after the last change. */
  changed: (value: T) => void;
  /** Sends whatever is unsaved now; resolves true once everything is saved. */
  flush: () => Promise<boolean>;
  retryNow: () => void;
}

const RETRY_STEPS_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * A dropped connection or a server failure is worth another try; a refusal (4xx) would be refused
 * again, and any other error is a bug here, so retrying those only hides the problem.
 */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status: unknown = (error.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return !(typeof status === "number" && status >= 400 && status < 500);
}

export function useAutosave<T>(save: (value: T) => Promise<unknown>, options: { delayMs?: number; savedAt?: Date | null } = {}): Autosave<T> {
  const delayMs = options.delayMs ?? 600;
  const [status, setStatus] = useState<AutosaveStatus>(() => (options.savedAt ? { kind: "saved", at: options.savedAt } : { kind: "idle" }));

  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  // The latest unsent value; `hasPending` because the value itself may be anything.
  const pending = useRef<{ value: T } | null>(null);
  const sending = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const retryTimer = useRef<number | undefined>(undefined);
  const failures = useRef(0);
  // Saves run one after another, so an older draft can never land after a newer one.
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));

  const sendPending = useCallback(async (): Promise<boolean> => {
    const next = pending.current;
    if (!next) return true;
    pending.current = null;
    sending.current = true;
    setStatus({ kind: "saving" });
    try {
      await saveRef.current(next.value);
      failures.current = 0;
      sending.current = false;
      if (!pending.current) setStatus({ kind: "saved", at: new Date() });
      return true;
    } catch (error) {
      sending.current = false;
      // Keep what failed unless something newer is already waiting.
      pending.current ??= next;
      if (!isRetryable(error)) {
        setStatus({ kind: "failed", message: errorSentence(error) });
        return false;
      }
      const wait = RETRY_STEPS_MS[Math.min(failures.current, RETRY_STEPS_MS.length - 1)] ?? 30_000;
      failures.current += 1;
      setStatus({ kind: "retrying", message: errorSentence(error) });
      window.clearTimeout(retryTimer.current);
      retryTimer.current = window.setTimeout(() => void flushRef.current(), wait);
      return false;
    }
  }, []);

  const flush = useCallback((): Promise<boolean> => {
    window.clearTimeout(timer.current);
    window.clearTimeout(retryTimer.current);
    // After the send, anything changed meanwhile goes too.
    chain.current = chain.current.then(sendPending).then((ok) => (ok && pending.current ? sendPending() : ok));
    return chain.current;
  }, [sendPending]);

  const flushRef = useRef(flush);
  useLayoutEffect(() => {
    flushRef.current = flush;
  });

  const changed = useCallback(
    (value: T) => {
      pending.current = { value };
      setStatus((s) => (s.kind === "retrying" || s.kind === "failed" ? s : { kind: "saving" }));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flushRef.current(), delayMs);
    },
    [delayMs],
  );

  const retryNow = useCallback(() => {
    failures.current = 0;
    void flushRef.current();
  }, []);

  useEffect(() => {
    // Leaving the tab (or the phone app taking over) saves at once.
    function onHidden() {
      if (document.visibilityState === "hidden" && pending.current) void flushRef.current();
    }
    // A reload or a closed tab with answers not yet saved asks first; the save is on its way meanwhile.
    function onBeforeUnload(event: BeforeUnloadEvent) {
      if (!pending.current && !sending.current) return;
      void flushRef.current();
      event.preventDefault();
    }
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("beforeunload", onBeforeUnload);
      window.clearTimeout(timer.current);
      window.clearTimeout(retryTimer.current);
      // Moving to another screen in the dashboard still saves what was typed last.
      if (pending.current) void flushRef.current();
    };
  }, []);

  return { status, changed, flush, retryNow };
}

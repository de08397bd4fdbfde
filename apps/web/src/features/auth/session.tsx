// Who is signed in, for every screen behind the sign-in page, and the guard that asks the server.
import { createContext, use, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Navigate, useLocation } from "react-router";
import type { SessionUser } from "@intake/domain";
import { errorSentence, isUnauthorized } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { SIGN_IN_PATH, type SignInState } from "./signInState.ts";

const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; only for components rendered inside <RequireSession>. */
export function useUser(): SessionUser {
  const user = use(SessionContext);
  if (!user) throw new Error("useUser() is only available inside <RequireSession>");
  return user;
}

/** The session probe's query options, shared by the guard and by sign-in (which fills its cache). */
export function useSessionQueryOptions() {
  const trpc = useTRPC();
  // The guard below handles UNAUTHORIZED itself, so the global handler leaves this one alone.
  return trpc.auth.me.queryOptions(undefined, { meta: { handlesUnauthorized: true }, staleTime: 60_000 });
}

const EXPIRED = "Your session has expired. Sign in again.";

export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useQuery(useSessionQueryOptions());

  if (me.isPending) {
    return (
      <main className="page-loading">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (me.isError) {
    if (isUnauthorized(me.error)) {
      // Someone who was signed in a moment ago is told why they are back here; a fresh visit is not.
      const wasSignedIn = me.data !== undefined || me.error.message === EXPIRED;
      const state: SignInState = {
        from: location.pathname + location.search,
        ...(wasSignedIn ? { notice: me.error.message } : {}),
      };
      return <Navigate to={SIGN_IN_PATH} replace state={state} />;
    }
    return (
      <main className="page-loading">
        <p role="alert">{errorSentence(me.error)}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  return <SessionContext value={me.data}>{children}</SessionContext>;
}

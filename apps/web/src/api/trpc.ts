// The typed tRPC bindings for React: the HTTP client, its provider, and useTRPC() for query options.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "@intake/api";
import { MAX_BATCH_CALLS } from "@intake/domain";

export type { RouterInputs, RouterOutputs } from "@intake/api";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * When someone last touched keyboard or pointer. Sent with every request, so the server counts only
 * requests made by a person at the screen as activity: live refreshes alone never hold off the
 * 15-minute automatic logoff.
 */
let lastInput = Date.now();
if (typeof window !== "undefined") {
  for (const type of ["keydown", "pointerdown", "wheel", "touchstart"] as const) {
    window.addEventListener(type, () => void (lastInput = Date.now()), { capture: true, passive: true });
  }
}
const requestHeaders = () => ({ "x-intake-csrf": "1", "x-intake-idle-ms": String(Date.now() - lastInput) });

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    // Same origin: the server serves the dashboard, and Vite proxies /trpc in development.
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        // Live updates over SSE; the link reconnects by itself after a dropped connection.
        true: httpSubscriptionLink({ url: "/trpc", transformer: superjson }),
        // Queries go as POST too, so search text (a name, a phone number) never lands in a URL or a proxy log.
        // The header is one a cross-site form cannot send; the server refuses requests without it.
        // A batch holds no more calls than the server accepts in one request.
        false: httpBatchLink({ url: "/trpc", transformer: superjson, methodOverride: "POST", headers: requestHeaders, maxItems: MAX_BATCH_CALLS }),
      }),
    ],
  });
}

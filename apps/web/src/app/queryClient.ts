// The query cache, and the one place that notices a session has ended (any UNAUTHORIZED answer).
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { isUnauthorized } from "../api/errors.ts";

interface AppMeta extends Record<string, unknown> {
  /**
   * Set on requests whose UNAUTHORIZED answer is expected and handled where they are made: the
   * session probe (`auth.me`) and signing in (a wrong password is UNAUTHORIZED too).
   */
  handlesUnauthorized?: boolean;
}

declare module "@tanstack/react-query" {
  interface Register {
    queryMeta: AppMeta;
    mutationMeta: AppMeta;
  }
}

/** A 4xx will answer the same way on a second try; only network and server failures are retried. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof TRPCClientError && error.data) {
    const status: unknown = (error.data as { httpStatus?: unknown }).httpStatus;
    if (typeof status === "number" && status < 500) return false;
  }
  return failureCount < 2;
}

export function createQueryClient(onUnauthorized: (message: string) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error, query) {
        if (!query.meta?.handlesUnauthorized && isUnauthorized(error)) onUnauthorized(error.message);
      },
    }),
    mutationCache: new MutationCache({
      onError(error, _variables, _context, mutation) {
        if (!mutation.meta?.handlesUnauthorized && isUnauthorized(error)) onUnauthorized(error.message);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

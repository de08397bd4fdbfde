// The calls the phone system reports right now, as one query kept current by the server's call events (SSE).
import { useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { useReportLive } from "../live/liveState.tsx";
import { rereadAfterChange } from "../live/reread.ts";

export type LiveCall = RouterOutputs["call.live"]["items"][number];

export interface LiveCalls {
  calls: LiveCall[] | undefined;
  /** Live calls beyond the ones listed (the server lists the newest 50). */
  more: number;
  /** The live stream dropped and is reconnecting: the list may be behind until it is back. */
  paused: boolean;
  /** The last read of the list failed. */
  failed: boolean;
}

/**
 * Reads `call.live` once as the screen opens, then again on every event the server sends (ids only)
 * and on every reconnection (`ready`), so nothing missed while disconnected stays missing. The first
 * `ready` arrives as the first read is made and is skipped. There is deliberately no timed re-read:
 * every request counts as activity and would keep an unattended desk signed in.
 */
export function useLiveCalls(): LiveCalls {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectedOnce = useRef(false);
  const calls = useQuery(trpc["call.live"].queryOptions());
  const subscription = useSubscription(
    trpc["call.onLive"].subscriptionOptions(undefined, {
      onData(event) {
        if (event.kind === "ready" && !connectedOnce.current) {
          connectedOnce.current = true;
          return;
        }
        void rereadAfterChange(queryClient, trpc["call.live"].pathFilter());
        // An ended call gets its duration and outcome in the recent calls; a completed one its notes and lead.
        if (event.kind === "ready" || event.state === "ended" || event.state === "completed") {
          void rereadAfterChange(queryClient, trpc["call.list"].pathFilter());
        }
        if (event.kind === "ready" || event.state === "completed") void rereadAfterChange(queryClient, trpc.lead.pathFilter());
      },
    }),
  );
  useReportLive("calls", true, subscription);
  const paused = subscription.status === "error" || (subscription.status === "connecting" && subscription.error !== null);
  return { calls: calls.data?.items, more: calls.data?.more ?? 0, paused, failed: calls.isError };
}

// Keeps the work queue current: re-reads it (and task lists) on every change the server announces over SSE.
import { useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../../api/trpc.ts";
import { useReportLive } from "../live/liveState.tsx";
import { rereadAfterChange } from "../live/reread.ts";

/**
 * The coordinator's one live stream, held by the frame on every screen (the work queue, and the
 * escalation banner wherever the coordinator is). The server sends `ready` on every (re)connection
 * and then one event (ids only) per change that can touch this coordinator's queue. A reconnection
 * or a change means: re-read, so nothing missed while disconnected stays missing. The first `ready`
 * is skipped: the queue was read as the screen opened, at the same moment, and a second read then
 * only costs a request (the minute's refetch covers the rare change that lands between the two).
 */
export function useWorkQueueLive(enabled: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectedOnce = useRef(false);
  const subscription = useSubscription(
    trpc.workQueue.onChange.subscriptionOptions(undefined, {
      enabled,
      onData(event) {
        if (event.kind === "ready" && !connectedOnce.current) {
          connectedOnce.current = true;
          return;
        }
        void rereadAfterChange(queryClient, trpc.workQueue.pathFilter());
        void rereadAfterChange(queryClient, trpc.task.pathFilter());
        if (event.kind === "ready" || event.kind.startsWith("handoff.")) void rereadAfterChange(queryClient, trpc.handoff.escalations.pathFilter());
      },
    }),
  );
  useReportLive("workQueue", enabled, subscription);
}

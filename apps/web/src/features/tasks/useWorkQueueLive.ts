// Keeps the work queue current: re-reads it (and task lists) on every change the server announces over SSE.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "../../api/trpc.ts";

export type LiveState = "live" | "connecting" | "paused";

/**
 * The server sends `ready` once it is listening, on every (re)connection, and then one event (ids
 * only) per change that can touch this coordinator's queue. Either means: re-read. The first `ready`
 * too: a change that lands between the screen's first read and the server listening would otherwise
 * wait for the minute's refetch.
 */
export function useWorkQueueLive(): LiveState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscription = useSubscription(
    trpc.workQueue.onChange.subscriptionOptions(undefined, {
      onData() {
        void queryClient.invalidateQueries(trpc.workQueue.pathFilter());
        void queryClient.invalidateQueries(trpc.task.pathFilter());
      },
    }),
  );
  if (subscription.status === "pending") return "live";
  if (subscription.status === "error") return "paused";
  return "connecting";
}

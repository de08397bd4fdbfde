// The receiver's inbox as one shared query, kept live by the server's handoff events (SSE).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { useReportLive } from "../live/liveState.tsx";
import { rereadAfterChange } from "../live/reread.ts";
import "./handoffs.css";

export type Inbox = RouterOutputs["handoff"]["inbox"];
export type InboxHandoff = Inbox["unread"][number];

/** The inbox query: the page, the navigation badge and the urgent banner all read this one cache entry. */
export function useInbox(enabled = true) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.handoff.inbox.queryOptions(), enabled });
}

/**
 * Listens for handoffs sent to or acknowledged by this person's inbox and reads it again on each.
 * The server says `ready` on every (re)connection, so whatever was missed while offline is read
 * then too. Acted on in onData: the hook's own `data` resets when the stream ends. A session that
 * ends closes the stream with UNAUTHORIZED: the frame then shows the signed-out cover.
 */
export function useInboxLive(enabled: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscription = useSubscription(
    trpc.handoff.onInbox.subscriptionOptions(undefined, {
      enabled,
      onData() {
        void rereadAfterChange(queryClient, trpc.handoff.pathFilter());
      },
    }),
  );
  useReportLive("inbox", enabled, subscription);
}

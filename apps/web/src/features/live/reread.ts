// What a screen does when the server announces a change over a live stream: read again.
import type { QueryClient, QueryFilters } from "@tanstack/react-query";

/**
 * Reads the matching queries again after a change the server announced. A read already under way
 * may have begun before the change: React Query would answer with that read (it never restarts a
 * query's first read, only a refresh of one that has data), and the change would stay missing until
 * the next one. So the read under way is cancelled first, and the queries are read anew.
 */
export async function rereadAfterChange(queryClient: QueryClient, filters: QueryFilters): Promise<void> {
  await queryClient.cancelQueries(filters);
  await queryClient.invalidateQueries(filters);
}

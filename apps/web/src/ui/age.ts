// How long ago something happened, in the desk's words: "just now", "12 min ago", "3 h 5 min ago".
import { formatSpan } from "@intake/domain";

export function formatAge(since: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - since.getTime());
  return ms < 60_000 ? "just now" : `${formatSpan(ms)} ago`;
}

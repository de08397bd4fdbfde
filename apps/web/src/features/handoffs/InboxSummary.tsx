// The home screen's line about the inbox, for those who receive handoffs: how many wait, and the way in.
import { Link } from "react-router";
import { useNow } from "../../ui/useNow.ts";
import { formatAge } from "../../ui/age.ts";
import { useInbox } from "./inbox.ts";

export function InboxSummary() {
  const inbox = useInbox();
  const now = useNow(30_000);
  const unread = inbox.data?.unread ?? [];
  const urgent = unread.filter((h) => h.urgent).length;
  const oldest = unread.reduce<Date | null>((at, h) => (at && at < h.createdAt ? at : h.createdAt), null);
  return (
    <section className="panel" aria-labelledby="home-inbox-heading">
      <h2 id="home-inbox-heading">Handoff inbox</h2>
      {inbox.isPending ? <p className="muted">Loading…</p> : null}
      {inbox.data ? (
        <p>
          {unread.length === 0
            ? "Nothing unread."
            : `${unread.length} unread${urgent ? `, ${urgent} urgent` : ""}; the oldest came ${oldest ? formatAge(oldest, now) : ""}.`}{" "}
          <Link to="/inbox">Open the inbox</Link>
        </p>
      ) : null}
    </section>
  );
}

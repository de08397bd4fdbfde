// The clinician's urgent alert, at the top of every page while an urgent handoff is unread.
import { Link } from "react-router";
import { useInbox } from "./inbox.ts";

/**
 * Mounted only while something is urgent, so a screen reader announces it the moment it appears.
 * It carries no ticking age: an alert that changes would be announced again each minute.
 */
export function UrgentBanner() {
  const inbox = useInbox();
  const urgent = inbox.data?.unread.filter((h) => h.urgent) ?? [];
  const first = urgent[0];
  if (!first) return null;
  const many = urgent.length > 1;
  return (
    <div className="urgent-banner" role="alert">
      <div className="urgent-banner-inner">
        <p>
          <strong>Urgent:</strong>{" "}
          {many
            ? `${urgent.length} screenings raised a safety concern. The callers need a clinician now.`
            : `a screening raised a safety concern (from ${first.from ?? "the intake desk"}). The caller needs a clinician now.`}
        </p>
        <Link className="urgent-banner-link" to={many ? "/inbox" : `/handoffs/${first.id}/review`}>
          {many ? "Open the inbox" : "Review now"}
        </Link>
      </div>
    </div>
  );
}

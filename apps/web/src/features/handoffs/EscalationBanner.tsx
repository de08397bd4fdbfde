// For coordinators and managers: urgent handoffs nobody acknowledged in time, and whom to call.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatNational } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";

/**
 * Read again on every handoff event of the frame's live stream (escalated, acknowledged), so it
 * appears the moment the server escalates and leaves when a clinician acknowledges. Stored on the
 * server, it is back after a reload or a restart until then.
 */
export function EscalationBanner() {
  const trpc = useTRPC();
  const escalations = useQuery(trpc.handoff.escalations.queryOptions());
  const items = escalations.data?.items ?? [];
  if (items.length === 0) return null;
  const phone = escalations.data?.onCallPhone ?? null;
  return (
    <div className="urgent-banner escalation-banner" role="alert">
      <div className="urgent-banner-inner">
        <div>
          <p>
            <strong>Escalated:</strong> no clinician has acknowledged the urgent {items.length === 1 ? "screen" : "screens"} of{" "}
            {items.map((item, i) => (
              <span key={item.handoffId}>
                {i > 0 ? (i === items.length - 1 ? " and " : ", ") : null}
                <Link className="escalation-lead" to={`/leads/${item.leadId}`}>
                  {item.leadName ?? "an unnamed caller"}
                </Link>
              </span>
            ))}
            .
          </p>
          <p>
            {phone ? (
              <>
                Call the on-call clinician now:{" "}
                <a className="escalation-phone" href={`tel:${phone}`}>
                  {formatNational(phone)}
                </a>
              </>
            ) : (
              "No on-call number is set: reach a clinician by phone now."
            )}
          </p>
        </div>
      </div>
    </div>
  );
}

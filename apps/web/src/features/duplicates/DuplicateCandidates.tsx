// Leads that may be the same person as this one (lead.duplicates), each with why, and the way to the merge screen.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { DUPLICATE_REASON_LABELS, LEAD_STATUS_LABELS, can, formatNational } from "@intake/domain";
import { useTRPC } from "../../api/trpc.ts";
import "./duplicates.css";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { useUser } from "../auth/session.tsx";

/** The candidates as a panel on the lead page; nothing at all when there are none. */
export function DuplicateCandidates({ leadId, compact = false }: { leadId: number; compact?: boolean }) {
  const trpc = useTRPC();
  const user = useUser();
  const found = useQuery(trpc.lead.duplicates.queryOptions({ leadId }));
  const items = found.data ?? [];
  if (!items.length) return null;
  const mayMerge = can(user.role, "lead.merge");
  const headingId = `duplicates-heading-${leadId}`;
  return (
    <section className={compact ? "duplicates duplicates-compact" : "panel duplicates"} aria-labelledby={headingId}>
      <h2 id={headingId} className={compact ? "duplicates-title" : undefined}>
        {items.length === 1 ? "Possible duplicate" : `${items.length} possible duplicates`}
      </h2>
      <ul className="duplicates-list">
        {items.map((c) => (
          <li key={c.id}>
            <Link to={`/leads/${c.id}`}>{c.name ?? "Unnamed caller"}</Link> · {formatNational(c.phone)} · {LEAD_STATUS_LABELS[c.status]} · since{" "}
            {formatClinicDateTime(c.createdAt)}
            <br />
            <span className="muted">{c.reasons.map((r) => DUPLICATE_REASON_LABELS[r]).join(", ")}</span>
            {mayMerge ? (
              <>
                {" "}
                <Link className="button button-secondary button-small" to={`/leads/${leadId}/merge/${c.id}`}>
                  Compare and merge<span className="visually-hidden"> with {c.name ?? "this caller"}</span>
                </Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

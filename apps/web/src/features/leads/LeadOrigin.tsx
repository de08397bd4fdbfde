// Where a lead came from: its channel, its first and last touch, and what it wrote through the website's form.
import { LEAD_CHANNEL_LABELS } from "@intake/domain";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import type { LeadDetail } from "./leadDetail.ts";

type Touch = LeadDetail["firstTouch"];

const CONTACT_LABELS = { call: "a phone call", text: "a text message", email: "email" } as const;

/** "google / cpc / spring", leaving out what was not recorded. */
function touchText(touch: Pick<Touch, "source" | "medium" | "campaign">): string {
  return [touch.source, touch.medium, touch.campaign].filter(Boolean).join(" / ") || "Not recorded";
}

export function LeadOrigin({ lead }: { lead: LeadDetail }) {
  const same = lead.firstTouch.at?.getTime() === lead.lastTouch.at?.getTime();
  return (
    <section className="panel" aria-labelledby="lead-origin-heading">
      <h2 id="lead-origin-heading">Where this lead came from</h2>
      <dl className="details">
        <dt>Came in by</dt>
        <dd>{LEAD_CHANNEL_LABELS[lead.channel]}</dd>
        <dt>First touch</dt>
        <dd>
          {touchText(lead.firstTouch)}
          {lead.firstTouch.at ? <span className="cell-secondary"> · {formatClinicDateTime(lead.firstTouch.at)}</span> : null}
        </dd>
        {same ? null : (
          <>
            <dt>Last touch</dt>
            <dd>
              {touchText(lead.lastTouch)}
              {lead.lastTouch.at ? <span className="cell-secondary"> · {formatClinicDateTime(lead.lastTouch.at)}</span> : null}
            </dd>
          </>
        )}
      </dl>
      {lead.inquiries.length > 0 ? (
        <>
          <h3>Website inquiries</h3>
          <ul className="stack lead-inquiries">
            {lead.inquiries.map((inquiry) => (
              <li key={inquiry.id}>
                <p>
                  {formatClinicDateTime(inquiry.at)} · {inquiry.reference} · {touchText(inquiry)}
                </p>
                <p>
                  Prefers {inquiry.preferredContact ? CONTACT_LABELS[inquiry.preferredContact] : "no particular way"}
                  {inquiry.textConsent ? "; agreed to text messages" : "; no consent to text messages"}
                  {inquiry.email ? ` · ${inquiry.email}` : ""}
                </p>
                {inquiry.message ? <p className="cell-notes">{inquiry.message}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

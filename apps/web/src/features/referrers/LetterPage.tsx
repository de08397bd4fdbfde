// /scheduling/leads/:id/letters/:kind: a letter to the referring provider laid out for paper (print or
// save as PDF); the print stylesheet drops the dashboard around it, as for a handoff note.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { CLINIC_LETTERHEAD, REFERRAL_LETTERS, formatClinicMonthDay, formatNational, type ReferralLetterKind } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import "./referrers.css";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";

const LeadIdParam = z.coerce.number().int().positive();
const KindParam = z.enum(REFERRAL_LETTERS);

export function LetterPage() {
  const params = useParams();
  const id = LeadIdParam.safeParse(params.id);
  const kind = KindParam.safeParse(params.kind);
  return (
    <>
      <title>Letter to the referring provider · Iris Intake</title>
      {id.success && kind.success ? <LetterLoader leadId={id.data} kind={kind.data} /> : <h1>Letter not found</h1>}
    </>
  );
}

function LetterLoader({ leadId, kind }: { leadId: number; kind: ReferralLetterKind }) {
  const trpc = useTRPC();
  // The server writes the letter (and records it as a disclosure): what it says follows the patient's authorisation.
  const answer = useQuery(trpc.referrer.letter.queryOptions({ leadId, kind }));
  const ready = answer.data?.letter.ready === true;
  const back = (
    <div className="print-toolbar no-print">
      <Link to={`/scheduling/leads/${leadId}`}>Back to the lead</Link>
      {ready ? (
        <button type="button" className="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      ) : null}
    </div>
  );
  if (answer.isPending) return <p role="status">Loading the letter…</p>;
  if (answer.isError) {
    return (
      <>
        {back}
        <h1>Letter to the referring provider</h1>
        <ErrorNotice>{errorSentence(answer.error)}</ErrorNotice>
      </>
    );
  }
  const { letter, to } = answer.data;
  return (
    <>
      {back}
      {letter.ready && to ? (
        <article className="print-sheet letter" aria-labelledby="letter-title">
          <header className="letterhead">
            <p className="letterhead-name">{CLINIC_LETTERHEAD.name}</p>
            <p>
              {CLINIC_LETTERHEAD.line} · {CLINIC_LETTERHEAD.phone}
            </p>
          </header>
          <p>{formatClinicMonthDay(new Date(), true)}</p>
          <address className="letter-to">
            {to.name}
            {to.practice ? <br /> : null}
            {to.practice}
            {to.address ? <br /> : null}
            {to.address}
            {to.fax ? (
              <>
                <br />
                Fax {formatNational(to.fax)}
              </>
            ) : null}
          </address>
          <h1 id="letter-title">Re: {letter.subject}</h1>
          <p>Dear {to.name},</p>
          {letter.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <p>Sincerely,</p>
          <p>The intake team, {CLINIC_LETTERHEAD.name}</p>
          <p className="print-footer">Confidential: protected health information, sent as the patient authorised.</p>
        </article>
      ) : (
        <>
          <h1>Letter to the referring provider</h1>
          <p className="notice">{letter.ready ? "No referring provider is recorded for this patient." : letter.why}</p>
        </>
      )}
    </>
  );
}

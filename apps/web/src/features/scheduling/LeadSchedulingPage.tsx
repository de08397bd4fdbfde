// One lead's scheduling record: who they are, the handoff, booking, appointments, the checklist, the course.
import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { PAYMENT_OPTIONS, can, formatNational, type PaymentOption } from "@intake/domain";
import { errorSentence, isNotFound } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useUser } from "../auth/session.tsx";
import { StatusBadge } from "../leads/StatusBadge.tsx";
import { Age } from "./Age.tsx";
import { AppointmentList } from "./AppointmentList.tsx";
import { BookingForm } from "./BookingForm.tsx";
import { ChecklistPanel } from "./ChecklistPanel.tsx";
import { CoursePanel } from "./CoursePanel.tsx";
import { EhrPanel } from "../fhir/EhrPanel.tsx";
import { LazyConversation } from "../messages/LazyConversation.tsx";
import { paymentText, resultText, textsText, voicemailText } from "./labels.ts";
import "./scheduling.css";

const LeadIdParam = z.coerce.number().int().positive();

/** Opened with #book (the inbox card's "Book appointment"): the booking form is brought into view, its first field focused. */
function showWhenLinked(section: HTMLElement | null) {
  if (!section || window.location.hash !== "#book") return;
  section.scrollIntoView({ block: "start" });
  section.querySelector<HTMLElement>("input, select, textarea")?.focus({ preventScroll: true });
}

export function LeadSchedulingPage() {
  const user = useUser();
  const parsed = LeadIdParam.safeParse(useParams().id);
  const back = can(user.role, "scheduling.queue") ? { to: "/scheduling", label: "Scheduling queue" } : { to: "/appointments", label: "Appointments" };
  // The tab title stays generic: titles land in history, and a name is patient data.
  return (
    <>
      <title>Scheduling · Iris Intake</title>
      <p className="breadcrumb">
        <Link to={back.to}>{back.label}</Link>
      </p>
      {parsed.success ? <SchedulingRecord key={parsed.data} leadId={parsed.data} /> : <RecordMissing />}
    </>
  );
}

function RecordMissing() {
  return (
    <>
      <h1>Lead not found</h1>
      <p>There is no scheduling record at this address. Open the lead from the scheduling queue or the appointments list.</p>
    </>
  );
}

type SchedulingLead = RouterOutputs["scheduling"]["lead"];

function SchedulingRecord({ leadId }: { leadId: number }) {
  const trpc = useTRPC();
  const user = useUser();
  // scheduling.lead is also the access check: it answers only for a lead this person may schedule.
  const lead = useQuery(trpc.scheduling.lead.queryOptions({ leadId }));
  const appointments = useQuery(trpc.appointment.byLead.queryOptions({ leadId }));
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  function changed(text: string) {
    setMessage(text);
    // The form or button that was used may be gone now; the keyboard continues from the confirmation.
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  if (lead.isPending) return <p role="status">Loading the scheduling record…</p>;
  if (lead.isError) {
    if (isNotFound(lead.error)) return <RecordMissing />;
    return (
      <>
        <h1>Scheduling</h1>
        <ErrorNotice>{errorSentence(lead.error)}</ErrorNotice>
      </>
    );
  }

  const { status } = lead.data;
  const books = can(user.role, "appointment.book");
  const consultBooked = appointments.data?.some((a) => a.kind === "consult" && a.status === "booked") ?? false;

  return (
    <>
      <div className="lead-heading">
        <h1>{lead.data.name ?? "Unnamed caller"}</h1>
        <p className="lead-status">
          <span className="visually-hidden">Status: </span>
          <StatusBadge status={status} />
        </p>
      </div>
      <div ref={messageRef} role="status" tabIndex={-1} className={message ? "notice notice-success" : "status-empty"}>
        {message}
      </div>
      <div className="lead-grid">
        <LeadSummary lead={lead.data} />
        {books ? (
          <section id="book" ref={showWhenLinked} className="panel" aria-labelledby="book-heading">
            <h2 id="book-heading">Book an appointment</h2>
            {status === "closed" ? (
              <p className="muted">This lead is closed. A coordinator must reopen it before anything is booked.</p>
            ) : consultBooked ? (
              <p className="muted">The consult is booked. If the patient needs another time, reschedule it under Appointments.</p>
            ) : (
              <BookingForm key={status} leadId={leadId} status={status} onBooked={changed} />
            )}
          </section>
        ) : null}
      </div>
      <section className="panel" aria-labelledby="appointments-heading">
        <h2 id="appointments-heading">Appointments</h2>
        <AppointmentList leadId={leadId} onChanged={changed} />
      </section>
      <div className="lead-grid">
        <ChecklistPanel leadId={leadId} status={status} onChanged={changed} />
        <CoursePanel leadId={leadId} status={status} onChanged={changed} />
      </div>
      {lead.data.referrerId !== null && can(user.role, "referrer.letter") ? (
        <section className="panel" aria-labelledby="letters-heading">
          <h2 id="letters-heading">Letters to the referring provider</h2>
          <p className="muted">
            {lead.data.mayUpdateReferrer
              ? "The patient agreed we may tell the provider how the referral goes."
              : "The patient has not agreed to updates: the acknowledgement says only that the referral was received."}
          </p>
          <ul className="link-list">
            <li>
              <Link to={`/scheduling/leads/${leadId}/letters/acknowledgement`}>Referral acknowledgement</Link> (once the consult is booked)
            </li>
            <li>
              <Link to={`/scheduling/leads/${leadId}/letters/status`}>Status letter</Link> (once the consult has taken place)
            </li>
          </ul>
        </section>
      ) : null}
      {/* Schedulers text the leads handed to them: a consult's time, a reminder, a question answered. */}
      {can(user.role, "message.read") ? <LazyConversation leadId={leadId} /> : null}
      {can(user.role, "fhir.export") ? <EhrPanel leadId={leadId} /> : null}
    </>
  );
}

/** The API types payment as any string; only the screening's own options have words here. */
function asPayment(value: string | null): PaymentOption | null {
  return PAYMENT_OPTIONS.find((option) => option === value) ?? null;
}

function LeadSummary({ lead }: { lead: SchedulingLead }) {
  const handoff = lead.handoff;
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Lead</h2>
      <dl className="details">
        <dt>Phone</dt>
        <dd>{formatNational(lead.phone)}</dd>
        <dt>Contact</dt>
        <dd>
          {voicemailText(lead.voicemailOk)} · {textsText(lead.textOk)}
        </dd>
        <dt>Payment</dt>
        <dd>{paymentText(asPayment(lead.payment))}</dd>
        <dt>Screening</dt>
        <dd>
          {resultText(lead.result)}
          {lead.flags.length > 0 ? (
            <ul className="flag-list" aria-label="Flags">
              {lead.flags.map((flag) => (
                <li key={flag.id}>{flag.label}</li>
              ))}
            </ul>
          ) : null}
        </dd>
        {handoff ? (
          <>
            <dt>Handoff</dt>
            <dd>
              {formatClinicDateTime(handoff.createdAt)} (<Age since={handoff.createdAt} /> ago)
              {handoff.acknowledgedAt ? null : <span className="tag-unread"> · note not yet read</span>}
            </dd>
          </>
        ) : null}
      </dl>
      {handoff ? (
        <details className="handoff-note">
          <summary>Handoff note</summary>
          <dl className="details">
            <dt>Situation</dt>
            <dd className="cell-notes">{handoff.situation}</dd>
            <dt>Background</dt>
            <dd className="cell-notes">{handoff.background}</dd>
            {handoff.assessment ? (
              <>
                <dt>Assessment</dt>
                <dd className="cell-notes">{handoff.assessment}</dd>
              </>
            ) : null}
            <dt>Recommendation</dt>
            <dd className="cell-notes">{handoff.recommendation}</dd>
          </dl>
        </details>
      ) : null}
    </section>
  );
}

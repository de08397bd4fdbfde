// A lead's appointments, oldest first: when, with whom, what happened; reschedule, cancel, record the outcome, .ics.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { APPOINTMENT_KIND_LABELS, APPOINTMENT_STATUS_LABELS, can, type AppointmentStatus } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime, formatClinicSpan } from "../../ui/clinicTime.ts";
import { downloadText } from "../../ui/download.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { useNow } from "../../ui/useNow.ts";
import { useUser } from "../auth/session.tsx";
import { CancelForm } from "./CancelForm.tsx";
import { OutcomeForm } from "./OutcomeForm.tsx";
import { RescheduleForm } from "./RescheduleForm.tsx";

export type Appointment = RouterOutputs["appointment"]["byLead"][number];
type HistoryEntry = Appointment["history"][number];

const STATUS_TONE: Record<AppointmentStatus, string> = {
  booked: "status-progress",
  attended: "status-done",
  no_show: "status-review",
  cancelled: "status-closed",
};

export function AppointmentList({ leadId, onChanged }: { leadId: number; onChanged: (message: string) => void }) {
  const trpc = useTRPC();
  const appointments = useQuery(trpc.appointment.byLead.queryOptions({ leadId }));
  if (appointments.isPending) return <p className="muted">Loading appointments…</p>;
  if (appointments.isError) {
    return <ErrorNotice>{errorSentence(appointments.error)}</ErrorNotice>;
  }
  if (appointments.data.length === 0) return <p className="muted">No appointments yet.</p>;
  return (
    <ul className="appointment-list">
      {appointments.data.map((appt) => (
        <li key={appt.id}>
          <AppointmentItem appt={appt} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

type Opened = "reschedule" | "cancel" | null;

function AppointmentItem({ appt, onChanged }: { appt: Appointment; onChanged: (message: string) => void }) {
  const user = useUser();
  const now = useNow(30_000);
  const [opened, setOpened] = useState<Opened>(null);
  const headingId = `appointment-${appt.id}-heading`;
  const booked = appt.status === "booked";
  const books = can(user.role, "appointment.book");
  // Clinicians record outcomes only of their own appointments (the server checks the same).
  const recordsOutcome = can(user.role, "appointment.outcome") && (user.role !== "clinician" || appt.clinicianId === user.id);
  const started = appt.startsAt.getTime() <= now.getTime();

  function done(message: string) {
    setOpened(null);
    onChanged(message);
  }

  return (
    <article className="appointment" aria-labelledby={headingId}>
      <div className="appointment-head">
        <h3 id={headingId}>
          {APPOINTMENT_KIND_LABELS[appt.kind]} · {formatClinicSpan(appt.startsAt, appt.endsAt)}
        </h3>
        <span className={`status-badge ${STATUS_TONE[appt.status]}`}>{APPOINTMENT_STATUS_LABELS[appt.status]}</span>
        {appt.status === "booked" && appt.confirmedAt ? <span className="status-badge status-done">Confirmed by text</span> : null}
      </div>
      <p className="appointment-meta">
        With {appt.clinicianName} · clinic time (Pacific)
        {appt.cancelReason ? <> · Cancelled: {appt.cancelReason}</> : null}
      </p>
      {appt.history.length > 0 ? <AppointmentHistory history={appt.history} /> : null}
      {booked ? (
        <>
          <div className="button-row">
            <IcsButton id={appt.id} />
            {books ? (
              <>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-expanded={opened === "reschedule"}
                  onClick={() => setOpened((o) => (o === "reschedule" ? null : "reschedule"))}
                >
                  Reschedule
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-expanded={opened === "cancel"}
                  onClick={() => setOpened((o) => (o === "cancel" ? null : "cancel"))}
                >
                  Cancel appointment
                </button>
              </>
            ) : null}
          </div>
          {opened === "reschedule" ? <RescheduleForm appt={appt} onDone={done} onCancel={() => setOpened(null)} /> : null}
          {opened === "cancel" ? <CancelForm appt={appt} onDone={done} onCancel={() => setOpened(null)} /> : null}
          {recordsOutcome ? (
            started ? (
              <OutcomeForm appt={appt} onDone={done} />
            ) : (
              <p className="muted">The outcome (attended or no-show) can be recorded once the appointment has started.</p>
            )
          ) : null}
        </>
      ) : null}
    </article>
  );
}

function historyText(entry: HistoryEntry): string {
  const who = entry.actor ? ` by ${entry.actor}` : "";
  switch (entry.change) {
    case "booked":
      return `Booked${who}`;
    case "rescheduled":
      return `Moved${entry.fromStartsAt ? ` from ${formatClinicDateTime(entry.fromStartsAt)}` : ""}${who}${entry.reason ? `: ${entry.reason}` : ""}`;
    case "cancelled":
      return `Cancelled${who}${entry.reason ? `: ${entry.reason}` : ""}`;
    case "attended":
      return `Recorded as attended${who}`;
    case "no_show":
      return `Recorded as a no-show${who}`;
  }
}

function AppointmentHistory({ history }: { history: HistoryEntry[] }) {
  return (
    <details className="appointment-history">
      <summary>History ({history.length})</summary>
      <ul>
        {history.map((entry, i) => (
          <li key={i}>
            <span className="nowrap muted">{formatClinicDateTime(entry.at)}</span> {historyText(entry)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Fetches the calendar file when asked (never cached for long: a reschedule changes it) and saves it. */
function IcsButton({ id }: { id: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function download() {
    setError(null);
    setPending(true);
    try {
      const file = await queryClient.fetchQuery(trpc.appointment.ics.queryOptions({ id }, { staleTime: 0 }));
      downloadText(file.filename, file.content, "text/calendar;charset=utf-8");
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary button-small" onClick={() => void download()} disabled={pending}>
        Download calendar file (.ics)
      </button>
      <ErrorNotice>{error}</ErrorNotice>
    </>
  );
}

// A lead's appointments, oldest first: when, with whom, what happened; reschedule, cancel, record the outcome, .ics.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { APPOINTMENT_KIND_LABELS, APPOINTMENT_STATUS_LABELS, can, type AppointmentOutcome, type AppointmentStatus } from "@intake/domain";
import { errorSentence, serverFieldErrors, type FieldErrors } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { formatClinicDateTime, formatClinicSpan, toClinicInputValue } from "../../ui/clinicTime.ts";
import { FormError, RadioGroupField, TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { downloadText } from "../../ui/download.ts";
import { useNow } from "../../ui/useNow.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import { useUser } from "../auth/session.tsx";
import { TimeFields } from "./TimeFields.tsx";
import { TIME_FIELDS, checkTimeDraft, timeFieldErrors, type TimeDraft, type TimeField } from "./timeDraft.ts";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

type Appointment = RouterOutputs["appointment"]["byLead"][number];
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
    return (
      <p className="notice notice-error" role="alert">
        {errorSentence(appointments.error)}
      </p>
    );
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
      <FormError message={error} />
    </>
  );
}

const RESCHEDULE_FIELDS = [...TIME_FIELDS, "reason"] as const;
type RescheduleField = (typeof RESCHEDULE_FIELDS)[number];

function RescheduleForm({ appt, onDone, onCancel }: { appt: Appointment; onDone: (message: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const [draft, setDraft] = useState<TimeDraft>(() => {
    const [date = "", time = ""] = toClinicInputValue(appt.startsAt).split("T");
    const minutes = Math.round((appt.endsAt.getTime() - appt.startsAt.getTime()) / 60_000);
    return { date, time, clinicianId: String(appt.clinicianId), duration: String(minutes) };
  });
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors<RescheduleField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const reschedule = useMutation(trpc.appointment.reschedule.mutationOptions());

  function change(patch: Partial<TimeDraft>, field: TimeField) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setFormError(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reschedule.isPending) return;
    const form = event.currentTarget;
    const checked = checkTimeDraft(draft, new Date());
    const found: FieldErrors<RescheduleField> = checked.ok ? {} : { ...checked.errors };
    if (reason.trim().length < 3) found.reason = "Give a reason of at least 3 characters";
    if (!checked.ok || found.reason) {
      showErrorsAndFocus<RescheduleField>(form, RESCHEDULE_FIELDS, found, setErrors);
      return;
    }
    setErrors({});
    reschedule.mutate(
      { id: appt.id, startsAt: checked.startsAt, clinicianId: checked.clinicianId, durationMinutes: checked.durationMinutes, reason: reason.trim() },
      {
        async onSuccess(moved) {
          await invalidate();
          onDone(`${APPOINTMENT_KIND_LABELS[moved.kind]} moved to ${formatClinicSpan(moved.startsAt, moved.endsAt)} (Pacific).`);
        },
        onError(error) {
          showServerErrors<RescheduleField>(error, {
            form,
            fields: RESCHEDULE_FIELDS,
            setErrors,
            setFormError,
            pick: (server) => ({ ...timeFieldErrors(server), ...(server.reason ? { reason: server.reason } : {}) }),
          });
        },
      },
    );
  }

  return (
    <form className="inline-form" aria-label="Reschedule appointment" noValidate onSubmit={onSubmit}>
      <TimeFields draft={draft} onChange={change} errors={errors} own={appt} />
      <TextField
        name="reason"
        label="Reason for the change"
        hint="For example: patient asked for a morning"
        autoComplete="off"
        maxLength={500}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setErrors((x) => ({ ...x, reason: undefined }));
        }}
        error={errors.reason}
      />
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="button">
          {reschedule.isPending ? "Saving…" : "Save new time"}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Keep the current time
        </button>
      </div>
    </form>
  );
}

function CancelForm({ appt, onDone, onCancel }: { appt: Appointment; onDone: (message: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(trpc.appointment.cancel.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.isPending) return;
    if (reason.trim().length < 3) {
      setError("Give a reason of at least 3 characters");
      return;
    }
    cancel.mutate(
      { id: appt.id, reason: reason.trim() },
      {
        async onSuccess(cancelled) {
          await invalidate();
          onDone(
            `${APPOINTMENT_KIND_LABELS[cancelled.kind]} of ${formatClinicDateTime(cancelled.startsAt)} cancelled.${
              cancelled.kind === "consult" ? " The lead is back in the scheduling queue to rebook." : ""
            }`,
          );
        },
        onError(err) {
          setError(serverFieldErrors(err).reason ?? errorSentence(err));
        },
      },
    );
  }

  return (
    <form className="inline-form" aria-label="Cancel appointment" noValidate onSubmit={onSubmit}>
      <TextField
        name="reason"
        label="Reason for cancelling"
        hint="For example: patient is unwell and will call back"
        autoFocus
        autoComplete="off"
        maxLength={500}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
        error={error ?? undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button button-danger">
          {cancel.isPending ? "Cancelling…" : "Cancel this appointment"}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </form>
  );
}

const OUTCOME_OPTIONS: readonly { value: AppointmentOutcome; label: string }[] = [
  { value: "attended", label: "Attended" },
  { value: "no_show", label: "No-show" },
];

/** Once recorded the outcome cannot change, so it is chosen and then saved, never one stray click. */
function OutcomeForm({ appt, onDone }: { appt: Appointment; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateScheduling();
  const [outcome, setOutcome] = useState<AppointmentOutcome | "">("");
  const [error, setError] = useState<string | null>(null);
  const record = useMutation(trpc.appointment.recordOutcome.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (record.isPending) return;
    if (!outcome) {
      setError("Choose attended or no-show");
      return;
    }
    record.mutate(
      { id: appt.id, outcome },
      {
        async onSuccess(recorded) {
          await invalidate();
          const consult = recorded.kind === "consult";
          onDone(
            recorded.status === "attended"
              ? `Recorded as attended.${consult ? " The lead is now Consulted." : ""}`
              : `Recorded as a no-show.${consult ? " The lead is back in the scheduling queue to rebook." : ""}`,
          );
        },
        onError(err) {
          setError(errorSentence(err));
        },
      },
    );
  }

  return (
    <form className="outcome-form" aria-label="Record the outcome" noValidate onSubmit={onSubmit}>
      <RadioGroupField<AppointmentOutcome | "">
        name={`outcome-${appt.id}`}
        label="Outcome"
        hint="Recorded once; it cannot be changed afterwards"
        value={outcome}
        options={OUTCOME_OPTIONS}
        onChange={(value) => {
          setOutcome(value);
          setError(null);
        }}
        error={error ?? undefined}
      />
      <div className="form-actions">
        <button type="submit" className="button">
          {record.isPending ? "Saving…" : "Save outcome"}
        </button>
      </div>
    </form>
  );
}

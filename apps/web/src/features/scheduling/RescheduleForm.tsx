// Moving a booked appointment: a new time (and clinician, and length) with the reason for the change.
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { APPOINTMENT_KIND_LABELS } from "@intake/domain";
import type { FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicSpan, toClinicInputValue } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import type { Appointment } from "./AppointmentList.tsx";
import { TimeFields } from "./TimeFields.tsx";
import { TIME_FIELDS, checkTimeDraft, timeFieldErrors, type TimeDraft, type TimeField } from "./timeDraft.ts";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

const RESCHEDULE_FIELDS = [...TIME_FIELDS, "reason"] as const;
type RescheduleField = (typeof RESCHEDULE_FIELDS)[number];

export function RescheduleForm({ appt, onDone, onCancel }: { appt: Appointment; onDone: (message: string) => void; onCancel: () => void }) {
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
      <ErrorNotice>{formError}</ErrorNotice>
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

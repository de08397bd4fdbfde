// Cancelling a booked appointment, with the reason; the time is freed.
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { APPOINTMENT_KIND_LABELS } from "@intake/domain";
import { errorSentence, serverFieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicDateTime } from "../../ui/clinicTime.ts";
import { TextField } from "../../ui/Field.tsx";
import type { Appointment } from "./AppointmentList.tsx";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

export function CancelForm({ appt, onDone, onCancel }: { appt: Appointment; onDone: (message: string) => void; onCancel: () => void }) {
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

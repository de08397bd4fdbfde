// Recording whether the patient came: attended or no-show, once.
import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { AppointmentOutcome } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { RadioGroupField } from "../../ui/Field.tsx";
import type { Appointment } from "./AppointmentList.tsx";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

const OUTCOME_OPTIONS: readonly { value: AppointmentOutcome; label: string }[] = [
  { value: "attended", label: "Attended" },
  { value: "no_show", label: "No-show" },
];

/** Once recorded the outcome cannot change, so it is chosen and then saved, never one stray click. */
export function OutcomeForm({ appt, onDone }: { appt: Appointment; onDone: (message: string) => void }) {
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

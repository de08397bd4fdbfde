// Booking an appointment for a lead: kind, clinic day and time, clinician, length; the server refuses any clash.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { APPOINTMENT_KINDS, APPOINTMENT_KIND_LABELS, DEFAULT_DURATION_MINUTES, type AppointmentKind, type LeadStatus } from "@intake/domain";
import type { FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { formatClinicSpan } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { showErrorsAndFocus } from "../../ui/focusField.ts";
import { showServerErrors } from "../../ui/serverErrors.ts";
import { TimeFields, useClinicians } from "./TimeFields.tsx";
import { TIME_FIELDS, checkTimeDraft, defaultTimeDraft, timeFieldErrors, type TimeDraft, type TimeField } from "./timeDraft.ts";
import { useInvalidateScheduling } from "./useInvalidateScheduling.ts";

const FIELDS = ["kind", ...TIME_FIELDS] as const;
type BookField = (typeof FIELDS)[number];

/** A consult before anything else; mapping and treatment once the consult is done (the server says the same). */
export function kindsFor(status: LeadStatus | null): readonly AppointmentKind[] {
  if (status === "consulted" || status === "in_treatment") return ["mapping", "treatment"];
  if (status === "handed_off" || status === "scheduled") return ["consult"];
  return APPOINTMENT_KINDS;
}

export function BookingForm({ leadId, status, onBooked }: { leadId: number; status: LeadStatus | null; onBooked: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateScheduling();
  const clinicians = useClinicians();
  const kinds = kindsFor(status);
  const [kind, setKind] = useState<AppointmentKind>(kinds[0] ?? "consult");
  const [draft, setDraft] = useState<TimeDraft>(() => defaultTimeDraft(new Date(), DEFAULT_DURATION_MINUTES[kinds[0] ?? "consult"]));
  const [durationEdited, setDurationEdited] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<BookField>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const book = useMutation(trpc.appointment.book.mutationOptions());

  // With one clinician there is nothing to choose; with several, the scheduler chooses.
  const only = clinicians.data?.length === 1 ? clinicians.data[0] : undefined;
  const shown: TimeDraft = !draft.clinicianId && only ? { ...draft, clinicianId: String(only.id) } : draft;
  const chosenKind = kinds.includes(kind) ? kind : (kinds[0] ?? "consult");

  function change(patch: Partial<TimeDraft>, field: TimeField) {
    if (field === "durationMinutes") setDurationEdited(true);
    setDraft((d) => ({ ...(!d.clinicianId && only ? { ...d, clinicianId: String(only.id) } : d), ...patch }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setFormError(null);
  }

  function changeKind(next: AppointmentKind) {
    setKind(next);
    if (!durationEdited) setDraft((d) => ({ ...d, duration: String(DEFAULT_DURATION_MINUTES[next]) }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (book.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const checked = checkTimeDraft(shown, new Date());
    if (!checked.ok) {
      showErrorsAndFocus<BookField>(form, FIELDS, checked.errors, setErrors);
      return;
    }
    setErrors({});
    book.mutate(
      { leadId, kind: chosenKind, startsAt: checked.startsAt, clinicianId: checked.clinicianId, durationMinutes: checked.durationMinutes },
      {
        async onSuccess(booked) {
          const who = clinicians.data?.find((c) => c.id === booked.clinicianId)?.name ?? "the clinician";
          setDraft(defaultTimeDraft(new Date(), DEFAULT_DURATION_MINUTES[chosenKind], shown.clinicianId));
          setDurationEdited(false);
          await invalidate();
          onBooked(`${APPOINTMENT_KIND_LABELS[booked.kind]} booked: ${formatClinicSpan(booked.startsAt, booked.endsAt)} (Pacific) with ${who}.`);
        },
        onError(error) {
          // A clash, or a lead that cannot be booked now: one sentence from the server, next to the button.
          showServerErrors<BookField>(error, { form, fields: FIELDS, setErrors, setFormError, pick: timeFieldErrors });
          // The busy times may have changed since they were read (another scheduler just booked).
          void queryClient.invalidateQueries(trpc.appointment.busy.pathFilter());
        },
      },
    );
  }

  return (
    <form className="booking-form" aria-label="Book an appointment" noValidate onSubmit={onSubmit}>
      <SelectField name="kind" label="Appointment" value={chosenKind} onChange={(e) => changeKind(e.target.value as AppointmentKind)} error={errors.kind}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {APPOINTMENT_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TimeFields draft={shown} onChange={change} errors={errors} />
      <ErrorNotice>{formError}</ErrorNotice>
      <div className="form-actions">
        <button type="submit" className="button">
          {book.isPending ? "Booking…" : `Book ${APPOINTMENT_KIND_LABELS[chosenKind].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}

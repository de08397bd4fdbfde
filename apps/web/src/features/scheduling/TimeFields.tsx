// The date, time, clinician and length fields of booking and rescheduling, beside that clinician's booked times.
import { useQuery } from "@tanstack/react-query";
import type { FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { BusyTimes } from "./BusyTimes.tsx";
import { draftInterval, type TimeDraft, type TimeField } from "./timeDraft.ts";

interface TimeFieldsProps {
  draft: TimeDraft;
  onChange: (patch: Partial<TimeDraft>, field: TimeField) => void;
  errors: FieldErrors<TimeField>;
  own?: { clinicianId: number; startsAt: Date; endsAt: Date };
}

export function useClinicians() {
  const trpc = useTRPC();
  return useQuery(trpc.appointment.clinicians.queryOptions(undefined, { staleTime: 5 * 60_000 }));
}

export function TimeFields({ draft, onChange, errors, own }: TimeFieldsProps) {
  const clinicians = useClinicians();
  const clinicianId = draft.clinicianId ? Number(draft.clinicianId) : null;
  const clinicianName = clinicians.data?.find((c) => c.id === clinicianId)?.name;

  return (
    <div className="time-fields">
      <div className="time-inputs">
        <TextField
          name="date"
          label="Day"
          hint="Clinic calendar (Pacific)"
          type="date"
          value={draft.date}
          onChange={(e) => onChange({ date: e.target.value }, "date")}
          error={errors.date}
        />
        <TextField
          name="time"
          label="Start time"
          hint="Clinic time (Pacific)"
          type="time"
          step={300}
          value={draft.time}
          onChange={(e) => onChange({ time: e.target.value }, "time")}
          error={errors.time}
        />
        <SelectField
          name="clinicianId"
          label="Clinician"
          value={draft.clinicianId}
          onChange={(e) => onChange({ clinicianId: e.target.value }, "clinicianId")}
          error={errors.clinicianId}
        >
          <option value="">{clinicians.isPending ? "Loading clinicians…" : "Choose a clinician"}</option>
          {clinicians.data?.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <TextField
          name="durationMinutes"
          label="Length (minutes)"
          type="number"
          inputMode="numeric"
          min={10}
          max={240}
          step={5}
          value={draft.duration}
          onChange={(e) => onChange({ duration: e.target.value }, "durationMinutes")}
          error={errors.durationMinutes}
        />
      </div>
      <BusyTimes clinicianId={clinicianId} clinicianName={clinicianName} day={draft.date} chosen={draftInterval(draft)} own={own} />
    </div>
  );
}

// A clinician's booked times on the chosen clinic day, so a clash is visible before anything is saved.
import { useQuery } from "@tanstack/react-query";
import { overlaps, type Interval } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { clinicDayWindow, formatClinicDay, formatClinicTime } from "../../ui/clinicTime.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";

interface BusyTimesProps {
  clinicianId: number | null;
  clinicianName: string | undefined;
  /** 'YYYY-MM-DD' on the clinic's calendar. */
  day: string;
  /** The time being chosen, to say whether it clashes. */
  chosen: Interval | null;
  /** When rescheduling: the appointment's own current time, which is not a clash. */
  own?: { clinicianId: number; startsAt: Date; endsAt: Date } | undefined;
}

const same = (a: Interval, b: Interval) => a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

export function BusyTimes({ clinicianId, clinicianName, day, chosen, own }: BusyTimesProps) {
  const trpc = useTRPC();
  const dayWindow = clinicDayWindow(day);
  const busy = useQuery(
    trpc.appointment.busy.queryOptions(
      { clinicianId: clinicianId ?? 0, from: dayWindow?.from ?? new Date(0), to: dayWindow?.to ?? new Date(1) },
      { enabled: clinicianId !== null && dayWindow !== null, staleTime: 5_000 },
    ),
  );

  if (clinicianId === null || !dayWindow) {
    return (
      <div className="busy-times">
        <h3>Booked times</h3>
        <p className="muted">Choose a clinician and a day to see when they are already booked.</p>
      </div>
    );
  }

  const isOwn = (slot: Interval) => own !== undefined && own.clinicianId === clinicianId && same(slot, own);
  const taken = (busy.data ?? []).filter((slot) => !isOwn(slot));
  const clash = chosen ? taken.find((slot) => overlaps(slot, chosen)) : undefined;

  return (
    <div className="busy-times">
      <h3>
        {clinicianName ?? "Clinician"} on {formatClinicDay(dayWindow.from)}
      </h3>
      {busy.isError ? (
        <ErrorNotice>{errorSentence(busy.error)}</ErrorNotice>
      ) : busy.isPending ? (
        <p className="muted">Loading booked times…</p>
      ) : (busy.data ?? []).length === 0 ? (
        <p className="muted">Nothing booked this day.</p>
      ) : (
        <ul className="busy-list" aria-label="Already booked (clinic time)">
          {(busy.data ?? []).map((slot) => (
            <li key={slot.startsAt.toISOString()} className={chosen && !isOwn(slot) && overlaps(slot, chosen) ? "busy-clash" : undefined}>
              <span className="nowrap">
                {formatClinicTime(slot.startsAt)} – {formatClinicTime(slot.endsAt)}
              </span>
              {isOwn(slot) ? <span className="muted"> (this appointment now)</span> : null}
            </li>
          ))}
        </ul>
      )}
      {/* Polite: it changes as the time is typed, and should be heard without interrupting. */}
      <div aria-live="polite">
        {clash ? (
          <p className="notice notice-warning">
            The time you chose overlaps {formatClinicTime(clash.startsAt)} – {formatClinicTime(clash.endsAt)}. Choose another time or clinician.
          </p>
        ) : chosen && busy.data ? (
          <p className="muted busy-free">
            {formatClinicTime(chosen.startsAt)} – {formatClinicTime(chosen.endsAt)} is free.
          </p>
        ) : null}
      </div>
    </div>
  );
}

// Appointments by clinic day or week: a clinician's own list (where they record outcomes), everyone's for schedulers.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { Link } from "react-router";
import { APPOINTMENT_KIND_LABELS, APPOINTMENT_STATUSES, APPOINTMENT_STATUS_LABELS, addDays, clinicDate, type AppointmentStatus } from "@intake/domain";
import { errorSentence } from "../../api/errors.ts";
import { useTRPC, type RouterOutputs } from "../../api/trpc.ts";
import { clinicDayWindow, formatClinicDay, formatClinicTime } from "../../ui/clinicTime.ts";
import { DataTable } from "../../ui/DataTable.tsx";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { SelectField, TextField } from "../../ui/Field.tsx";
import { useUser } from "../auth/session.tsx";
import { useAppointmentListParams } from "./appointmentListParams.ts";
import { useClinicians } from "./TimeFields.tsx";
import "./scheduling.css";

type Row = RouterOutputs["appointment"]["list"]["items"][number];

const STATUS_TONE: Record<AppointmentStatus, string> = {
  booked: "status-progress",
  attended: "status-done",
  no_show: "status-review",
  cancelled: "status-closed",
};

const columns: ColumnDef<Row, unknown>[] = [
  {
    id: "when",
    header: "When (Pacific)",
    cell: ({ row }) => (
      <>
        <span className="nowrap">
          {formatClinicTime(row.original.startsAt)} – {formatClinicTime(row.original.endsAt)}
        </span>
        <span className="cell-secondary">{formatClinicDay(row.original.startsAt)}</span>
      </>
    ),
  },
  {
    id: "lead",
    header: "Patient",
    cell: ({ row }) => <Link to={`/scheduling/leads/${row.original.leadId}`}>{row.original.leadName ?? "Unnamed caller"}</Link>,
  },
  { id: "kind", header: "Appointment", cell: ({ row }) => APPOINTMENT_KIND_LABELS[row.original.kind] },
  { id: "clinician", header: "Clinician", cell: ({ row }) => row.original.clinicianName },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => (
      <>
        <span className={`status-badge ${STATUS_TONE[row.original.status]}`}>{APPOINTMENT_STATUS_LABELS[row.original.status]}</span>
        {row.original.status === "booked" && row.original.confirmedAt ? " · confirmed by text" : null}
      </>
    ),
  },
];

export function AppointmentsPage() {
  const trpc = useTRPC();
  const user = useUser();
  const clinicians = useClinicians();
  const { view, update } = useAppointmentListParams();
  const today = clinicDate(new Date());
  const day = view.day ?? today;
  const from = clinicDayWindow(day)?.from;
  const to = clinicDayWindow(addDays(day, view.days - 1))?.to;
  const ownOnly = user.role === "clinician";

  const list = useQuery(
    trpc.appointment.list.queryOptions(
      {
        from: from ?? new Date(0),
        to: to ?? new Date(1),
        clinicianId: ownOnly ? undefined : view.clinician,
        status: view.status,
        page: view.page,
        perPage: view.perPage,
      },
      { enabled: Boolean(from && to), placeholderData: keepPreviousData },
    ),
  );
  const total = list.data?.total ?? 0;

  return (
    <>
      <title>Appointments · Iris Intake</title>
      <h1>{ownOnly ? "My appointments" : "Appointments"}</h1>
      <section className="panel" aria-label="Appointments list">
        <div className="table-toolbar">
          <TextField label="Day" hint="Clinic calendar (Pacific)" type="date" value={day} onChange={(e) => e.target.value && update({ day: e.target.value })} />
          <SelectField label="Show" value={String(view.days)} onChange={(e) => update({ days: Number(e.target.value) })}>
            <option value="1">One day</option>
            <option value="7">Seven days</option>
          </SelectField>
          {ownOnly ? null : (
            <SelectField
              label="Clinician"
              value={view.clinician ? String(view.clinician) : ""}
              onChange={(e) => update({ clinician: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">All clinicians</option>
              {clinicians.data?.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </SelectField>
          )}
          <SelectField
            label="Status"
            value={view.status ?? ""}
            onChange={(e) => update({ status: (e.target.value || undefined) as AppointmentStatus | undefined })}
          >
            <option value="">Any status</option>
            {APPOINTMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {APPOINTMENT_STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
        </div>
        {list.isError ? <ErrorNotice>{errorSentence(list.error)}</ErrorNotice> : null}
        <DataTable
          caption="Appointments"
          captionHidden
          columns={columns}
          rows={list.data?.items}
          getRowId={(row) => String(row.id)}
          emptyText={view.days === 1 ? "No appointments that day." : "No appointments in these seven days."}
          busy={list.isFetching && list.isPlaceholderData}
          paging={{
            page: view.page,
            perPage: view.perPage,
            total,
            noun: total === 1 ? "appointment" : "appointments",
            onPageChange: (page) => update({ page }),
          }}
        />
      </section>
    </>
  );
}

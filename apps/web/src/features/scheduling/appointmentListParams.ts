// The appointments list's day, span, clinician, status and page, kept in the URL (none of them is patient data).
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { APPOINTMENT_STATUSES, isIsoDate } from "@intake/domain";

export const SPANS = [1, 7] as const;
const PER_PAGE = 25;

const AppointmentListParams = z.object({
  day: z.string().refine(isIsoDate).optional().catch(undefined),
  days: z.coerce
    .number()
    .refine((n) => (SPANS as readonly number[]).includes(n))
    .catch(1),
  clinician: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(APPOINTMENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export type AppointmentListParams = z.infer<typeof AppointmentListParams> & { perPage: number };

export function useAppointmentListParams() {
  const location = useLocation();
  const navigate = useNavigate();
  const view: AppointmentListParams = { ...AppointmentListParams.parse(Object.fromEntries(new URLSearchParams(location.search))), perPage: PER_PAGE };

  /** Any change other than the page itself starts again at page 1. */
  function update(patch: Partial<Omit<AppointmentListParams, "perPage">>) {
    const next = { ...view, ...("page" in patch ? {} : { page: 1 }), ...patch };
    const query = new URLSearchParams();
    if (next.day) query.set("day", next.day);
    if (next.days !== 1) query.set("days", String(next.days));
    if (next.clinician) query.set("clinician", String(next.clinician));
    if (next.status) query.set("status", next.status);
    if (next.page !== 1) query.set("page", String(next.page));
    const search = query.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : "" }, { preventScrollReset: true });
  }

  return { view, update };
}

// The audit report's state in the URL — filters, sort, page — parsed with zod; it holds ids and dates only.
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";
import type { AuditListInput } from "@intake/domain";
import { clinicDayWindow } from "../../ui/clinicTime.ts";

export const PER_PAGE_OPTIONS = [25, 50, 100, 200] as const;
const DEFAULTS = { page: 1, perPage: 50, sort: "-at" } as const;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => clinicDayWindow(day) !== null);

/** Read from URLSearchParams; anything malformed falls back to its default rather than breaking the page. */
export const AuditParams = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(DEFAULTS.page),
  perPage: z.coerce
    .number()
    .refine((n) => (PER_PAGE_OPTIONS as readonly number[]).includes(n))
    .catch(DEFAULTS.perPage),
  sort: z.enum(["at", "-at"]).catch(DEFAULTS.sort),
  /** Clinic dates ('YYYY-MM-DD'), both days included. */
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  actorId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  recordType: z.string().trim().min(1).max(40).optional().catch(undefined),
  recordId: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional()
    .catch(undefined),
  action: z.string().trim().min(1).max(60).optional().catch(undefined),
});
export type AuditParams = z.infer<typeof AuditParams>;
export type AuditFilters = Pick<AuditParams, "from" | "to" | "actorId" | "recordType" | "recordId" | "action">;

export const NO_FILTERS: AuditFilters = {
  from: undefined,
  to: undefined,
  actorId: undefined,
  recordType: undefined,
  recordId: undefined,
  action: undefined,
};

export function hasFilters(view: AuditParams): boolean {
  return (Object.keys(NO_FILTERS) as (keyof AuditFilters)[]).some((key) => view[key] !== undefined);
}

/** The API's filters: clinic days become the instants they start and end, midnight to midnight in Los Angeles. */
export function toApiFilters(view: AuditParams): Omit<AuditListInput, "page" | "perPage"> {
  return {
    sort: view.sort,
    from: view.from ? clinicDayWindow(view.from)?.from : undefined,
    to: view.to ? clinicDayWindow(view.to)?.to : undefined,
    actorId: view.actorId,
    recordType: view.recordType,
    recordId: view.recordId,
    action: view.action,
  };
}

/** The address of the report with these filters (and defaults for the rest), for links that narrow it. */
export function auditHref(filters: Partial<AuditFilters>): string {
  return `/audit${toSearch({ ...DEFAULTS, ...NO_FILTERS, ...filters })}`;
}

function toSearch(view: AuditParams): string {
  const query = new URLSearchParams();
  if (view.from) query.set("from", view.from);
  if (view.to) query.set("to", view.to);
  if (view.actorId !== undefined) query.set("actorId", String(view.actorId));
  if (view.recordType) query.set("recordType", view.recordType);
  if (view.recordId) query.set("recordId", view.recordId);
  if (view.action) query.set("action", view.action);
  if (view.sort !== DEFAULTS.sort) query.set("sort", view.sort);
  if (view.perPage !== DEFAULTS.perPage) query.set("perPage", String(view.perPage));
  if (view.page !== DEFAULTS.page) query.set("page", String(view.page));
  const search = query.toString();
  return search ? `?${search}` : "";
}

export function useAuditParams() {
  const location = useLocation();
  const navigate = useNavigate();
  const view = AuditParams.parse(Object.fromEntries(new URLSearchParams(location.search)));

  /** Changes some of the view; any change other than the page itself starts again at page 1. */
  function update(patch: Partial<AuditParams>) {
    const next: AuditParams = { ...view, ...("page" in patch ? {} : { page: 1 }), ...patch };
    void navigate({ pathname: location.pathname, search: toSearch(next) }, { preventScrollReset: true });
  }

  return { view, search: location.search, update };
}

// The leads table's state: page, rows per page, sort and status in the URL; the search text in history state.
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { LEAD_SORTS, LEAD_STATUSES, type LeadSort, type LeadStatus } from "@intake/domain";

export const PER_PAGE_OPTIONS = [10, 25, 50, 100] as const;
const DEFAULTS = { page: 1, perPage: 25, sort: "-createdAt" } as const;

/** Read from URLSearchParams; anything malformed falls back to its default rather than breaking the page. */
export const LeadListParams = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(DEFAULTS.page),
  perPage: z.coerce
    .number()
    .refine((n) => (PER_PAGE_OPTIONS as readonly number[]).includes(n))
    .catch(DEFAULTS.perPage),
  sort: z.enum(LEAD_SORTS).catch(DEFAULTS.sort),
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
});
export type LeadListParams = z.infer<typeof LeadListParams>;

/**
 * The search text is a name or a phone number: patient data, which docs/domain.md keeps out of URLs (they
 * end up in browser history and in proxy logs). History state survives reload and Back like the URL
 * does, without being part of it.
 */
const LeadSearchState = z.object({ leadSearch: z.string().max(100).optional() }).catch({});

export interface LeadListView extends LeadListParams {
  search: string;
}

export function sortToState(sort: LeadSort): { id: string; desc: boolean }[] {
  const desc = sort.startsWith("-");
  return [{ id: desc ? sort.slice(1) : sort, desc }];
}

export function stateToSort(state: readonly { id: string; desc: boolean }[]): LeadSort {
  const first = state[0];
  return z
    .enum(LEAD_SORTS)
    .catch(DEFAULTS.sort)
    .parse(first ? `${first.desc ? "-" : ""}${first.id}` : undefined);
}

export function useLeadListParams() {
  const location = useLocation();
  const navigate = useNavigate();
  const params = LeadListParams.parse(Object.fromEntries(new URLSearchParams(location.search)));
  const search = LeadSearchState.parse(location.state).leadSearch ?? "";
  const view: LeadListView = { ...params, search };

  /** Changes some of the view; any change other than the page itself starts again at page 1. */
  function update(patch: Partial<LeadListView> & { status?: LeadStatus | undefined }, opts: { replace?: boolean } = {}) {
    const next: LeadListView = { ...view, ...("page" in patch ? {} : { page: 1 }), ...patch };
    const query = new URLSearchParams();
    if (next.page !== DEFAULTS.page) query.set("page", String(next.page));
    if (next.perPage !== DEFAULTS.perPage) query.set("perPage", String(next.perPage));
    if (next.sort !== DEFAULTS.sort) query.set("sort", next.sort);
    if (next.status) query.set("status", next.status);
    const searchString = query.toString();
    void navigate(
      { pathname: location.pathname, search: searchString ? `?${searchString}` : "" },
      { replace: opts.replace ?? false, preventScrollReset: true, state: next.search ? { leadSearch: next.search } : null },
    );
  }

  return { view, update };
}

// The scheduling queue's search, "handed off today", page and rows per page, kept in the URL and read back through a zod schema.
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";

export const QUEUE_PER_PAGE_OPTIONS = [10, 25, 50, 100] as const;
const DEFAULTS = { page: 1, perPage: 25, search: "", today: false } as const;

/** Anything malformed falls back to its default rather than breaking the page. */
export const QueueParams = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(DEFAULTS.page),
  perPage: z.coerce
    .number()
    .refine((n) => (QUEUE_PER_PAGE_OPTIONS as readonly number[]).includes(n))
    .catch(DEFAULTS.perPage),
  search: z.string().trim().max(100).catch(DEFAULTS.search).default(DEFAULTS.search),
  today: z
    .enum(["1"])
    .transform(() => true)
    .catch(DEFAULTS.today)
    .default(DEFAULTS.today),
});
export type QueueParams = z.infer<typeof QueueParams>;

export function useQueueParams() {
  const location = useLocation();
  const navigate = useNavigate();
  const view = QueueParams.parse(Object.fromEntries(new URLSearchParams(location.search)));

  /** A new page size, search or filter starts again at page 1. */
  function update(patch: Partial<QueueParams>) {
    const next: QueueParams = { ...view, ...("page" in patch ? {} : { page: 1 }), ...patch };
    const query = new URLSearchParams();
    if (next.page !== DEFAULTS.page) query.set("page", String(next.page));
    if (next.perPage !== DEFAULTS.perPage) query.set("perPage", String(next.perPage));
    if (next.search) query.set("search", next.search);
    if (next.today) query.set("today", "1");
    const search = query.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : "" }, { preventScrollReset: true });
  }

  return { view, update };
}

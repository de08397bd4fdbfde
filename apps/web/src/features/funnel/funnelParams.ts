// The funnel dashboard's cohort and filters in the URL (dates and ids only), parsed with zod, and the API inputs made from them.
import { useMemo } from "react";
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { FUNNEL_STAGES, LEAD_CHANNELS, MAX_COHORT_DAYS, type FunnelInput, type FunnelStage } from "@intake/domain";
import { toClinicInputValue } from "../../ui/clinicTime.ts";

/** The default cohort: the last 90 clinic days, today included. */
export const DEFAULT_DAYS = 90;
export const PER_PAGE = 25;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' plus n calendar days (calendar arithmetic in UTC, so no daylight-saving step can skip a day). */
export function addDays(day: string, n: number): string {
  const ms = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function isRealDay(day: string): boolean {
  return DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && addDays(day, 0) === day;
}

/** Today on the clinic's calendar, whatever zone the browser is in. */
export function clinicToday(now = new Date()): string {
  return toClinicInputValue(now).slice(0, 10);
}

const Day = z.string().refine(isRealDay);
const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Read from URLSearchParams; anything malformed falls back to its default rather than breaking the page. */
export const FunnelParams = z.object({
  /** First clinic day of the cohort. */
  from: Day.optional().catch(undefined),
  /** Last clinic day of the cohort, included (the API's `to` is the day after). */
  to: Day.optional().catch(undefined),
  source: z.string().trim().min(1).max(100).optional().catch(undefined),
  line: Id.optional().catch(undefined),
  coordinator: Id.optional().catch(undefined),
  referrer: Id.optional().catch(undefined),
  /** How the leads first came in, and their first touch's medium and campaign as recorded. */
  channel: z.enum(LEAD_CHANNELS).optional().catch(undefined),
  medium: z.string().trim().min(1).max(100).optional().catch(undefined),
  campaign: z.string().trim().min(1).max(100).optional().catch(undefined),
});
export type FunnelParams = z.infer<typeof FunnelParams>;

/** The drill-down's extra state: which stage, and which page of its leads. */
export const FunnelLeadsParams = FunnelParams.extend({
  stage: z.enum(FUNNEL_STAGES).catch("inquiry"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
export type FunnelLeadsParams = z.infer<typeof FunnelLeadsParams>;

export interface Cohort {
  from: string;
  /** Last day included. */
  through: string;
}

/** The cohort in force: the URL's dates when they make a valid range, else the last 90 days. */
export function cohortOf(params: FunnelParams, today = clinicToday()): Cohort {
  const through = params.to ?? today;
  const from = params.from ?? addDays(through, -(DEFAULT_DAYS - 1));
  const days = (Date.parse(through) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1 || days > MAX_COHORT_DAYS) return { from: addDays(today, -(DEFAULT_DAYS - 1)), through: today };
  return { from, through };
}

/** The API's input for the filters in force; `to` is exclusive there. */
export function toFunnelInput(params: FunnelParams, today?: string): FunnelInput {
  const cohort = cohortOf(params, today);
  return {
    from: cohort.from,
    to: addDays(cohort.through, 1),
    ...(params.source ? { source: params.source } : {}),
    ...(params.line !== undefined ? { lineId: params.line } : {}),
    ...(params.coordinator !== undefined ? { coordinatorId: params.coordinator } : {}),
    ...(params.referrer !== undefined ? { referrerId: params.referrer } : {}),
    ...(params.channel ? { channel: params.channel } : {}),
    ...(params.medium ? { medium: params.medium } : {}),
    ...(params.campaign ? { campaign: params.campaign } : {}),
  };
}

export function toSearch(params: FunnelParams & { stage?: FunnelStage; page?: number }): string {
  const query = new URLSearchParams();
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (params.source) query.set("source", params.source);
  if (params.line !== undefined) query.set("line", String(params.line));
  if (params.coordinator !== undefined) query.set("coordinator", String(params.coordinator));
  if (params.referrer !== undefined) query.set("referrer", String(params.referrer));
  if (params.channel) query.set("channel", params.channel);
  if (params.medium) query.set("medium", params.medium);
  if (params.campaign) query.set("campaign", params.campaign);
  if (params.stage) query.set("stage", params.stage);
  if (params.page !== undefined && params.page > 1) query.set("page", String(params.page));
  const search = query.toString();
  return search ? `?${search}` : "";
}

/** The drill-down's address for a stage of the cohort in force. */
export function leadsHref(params: FunnelParams, stage: FunnelStage): string {
  return `/funnel/leads${toSearch({ ...params, stage })}`;
}

export function useFunnelParams() {
  const location = useLocation();
  const navigate = useNavigate();
  // The same object while the address stays, so the memoised charts and tables below are not redrawn.
  const params = useMemo(() => FunnelParams.parse(Object.fromEntries(new URLSearchParams(location.search))), [location.search]);
  function update(next: FunnelParams) {
    void navigate({ pathname: location.pathname, search: toSearch(next) }, { preventScrollReset: true });
  }
  return { params, search: location.search, update };
}

export function useFunnelLeadsParams() {
  const location = useLocation();
  const navigate = useNavigate();
  const params = FunnelLeadsParams.parse(Object.fromEntries(new URLSearchParams(location.search)));
  function setPage(page: number) {
    void navigate({ pathname: location.pathname, search: toSearch({ ...params, page }) }, { preventScrollReset: true });
  }
  return { params, setPage };
}

// The funnel's inputs (a cohort of leads and its filters), its output shape, and the rank arithmetic for exact medians.
import { z } from "zod";
import { Id, Paging, plainText } from "../common.ts";
import { LeadChannel } from "../inquiry/inquiry.ts";
import { CallerLanguage } from "../language/language.ts";
import { CLOSED_REASONS, type ClosedReason } from "../lead/lifecycle.ts";
import { clinicDayStart } from "../scheduling/clinicTime.ts";
import { isIsoDate } from "../screening/dates.ts";
import { FUNNEL_STAGES, type FunnelStage } from "./funnel.ts";

const ClinicDate = z.string({ message: "Enter a date written YYYY-MM-DD" }).refine(isIsoDate, "Enter a real date written YYYY-MM-DD");

/** The longest cohort the funnel reads at once. */
export const MAX_COHORT_DAYS = 5 * 366;

const cohortFields = {
  /** First clinic calendar day of the cohort (inclusive), in Los Angeles time. */
  from: ClinicDate,
  /** The clinic calendar day after the cohort (exclusive): from 2026-01-01 to 2027-01-01 is the year 2026. */
  to: ClinicDate,
  source: z
    .string()
    .trim()
    .min(1, "Enter a source or leave it out")
    .max(100, "Source can be at most 100 characters")
    .superRefine(plainText("Source"))
    .optional(),
  lineId: Id.optional(),
  coordinatorId: Id.optional(),
  /** The language the leads speak (as recorded now). */
  language: CallerLanguage.optional(),
  /** The referring provider who sent the leads (as recorded now). */
  referrerId: Id.optional(),
  /** How the leads first reached the clinic. */
  channel: LeadChannel.optional(),
  /** The first touch's medium and campaign, as recorded (utm_medium, utm_campaign). */
  medium: z
    .string()
    .trim()
    .min(1, "Enter a medium or leave it out")
    .max(100, "Medium can be at most 100 characters")
    .superRefine(plainText("Medium"))
    .optional(),
  campaign: z
    .string()
    .trim()
    .min(1, "Enter a campaign or leave it out")
    .max(100, "Campaign can be at most 100 characters")
    .superRefine(plainText("Campaign"))
    .optional(),
};

const checkRange = (v: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (v.to <= v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be after the start date" });
  else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_COHORT_DAYS) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "A cohort can span at most five years" });
  }
};

export const FunnelInput = z.object(cohortFields).superRefine(checkRange);
export type FunnelInput = z.infer<typeof FunnelInput>;

/** The same figures side by side, one group per coordinator, source, line or language (the filters still apply). */
export const ReportInput = FunnelInput;
export type ReportInput = FunnelInput;

/** The named leads behind one bar: the cohort's leads that reached `stage` (optionally only those now closed for a reason). */
export const FunnelLeadsInput = z
  .object({
    ...cohortFields,
    ...Paging,
    stage: z.enum(FUNNEL_STAGES, { message: `Stage must be one of: ${FUNNEL_STAGES.join(", ")}` }),
    closedReason: z.enum(CLOSED_REASONS, { message: `Reason must be one of: ${CLOSED_REASONS.join(", ")}` }).optional(),
  })
  .superRefine(checkRange);
export type FunnelLeadsInput = z.infer<typeof FunnelLeadsInput>;

/** The cohort as instants: leads created in [from, to), midnight to midnight in clinic time (DST included). */
export function cohortRange(input: { from: string; to: string }): { from: Date; to: Date } {
  return { from: clinicDayStart(input.from), to: clinicDayStart(input.to) };
}

export interface FunnelStageFigures {
  stage: FunnelStage;
  /** Leads of the cohort that ever reached this stage. */
  count: number;
  /** Share of the previous stage's count (0–1, three decimals); null for inquiry or over nothing. */
  fromPrevious: number | null;
  fromInquiry: number | null;
  /** Median hours from the lead's creation to reaching the stage (one decimal). */
  medianHoursFromInquiry: number | null;
}

export interface FunnelFigures {
  stages: FunnelStageFigures[];
  /** Cohort leads closed now, by reason, in CLOSED_REASONS order. */
  closedReasons: { reason: ClosedReason; count: number }[];
  /** Minutes (one decimal) from inquiry to first contact attempt, over the contacted leads. */
  speedToLead: { medianMinutes: number | null; p90Minutes: number | null };
  /** Connected ÷ inbound calls of the cohort's leads (whenever the calls were). */
  answerRate: number | null;
  /** Attended ÷ (attended + no-show) consults of the cohort's leads. */
  showRate: number | null;
  /** The same for consults the caller confirmed by text (replied C to a reminder) and for the rest. */
  showRateByConfirmation: { confirmed: number | null; unconfirmed: number | null };
  calls: { inbound: number; connected: number };
  consults: { attended: number; noShow: number; confirmedAttended: number; confirmedNoShow: number };
}

/** 1-based ranks whose values make the median (two for an even count). */
export function medianRanks(n: number): number[] {
  if (n <= 0) return [];
  return n % 2 ? [(n + 1) / 2] : [n / 2, n / 2 + 1];
}

/** 1-based rank of the nearest-rank percentile p (0–100). */
export function percentileRank(n: number, p: number): number[] {
  return n <= 0 ? [] : [Math.max(1, Math.ceil((p / 100) * n))];
}

/**
 * Where the value of a rank lies in a histogram sorted by bucket: the bucket, how many values of
 * that bucket come before it (its offset once the bucket's values are sorted) and how many after.
 */
export function locateRank(histogram: readonly { bucket: number; n: number }[], rank: number): { bucket: number; offset: number; fromTop: number } | null {
  let below = 0;
  for (const h of histogram) {
    if (rank <= below + h.n) return { bucket: h.bucket, offset: rank - 1 - below, fromTop: below + h.n - rank };
    below += h.n;
  }
  return null;
}

// A referring provider's scorecard: how the patients they sent did, read off their funnel.
import type { FunnelFigures } from "../funnel/input.ts";
import type { FunnelStage } from "../funnel/funnel.ts";

export interface ReferrerScorecard {
  /** Leads the provider referred in the cohort. */
  referrals: number;
  screened: number;
  eligible: number;
  consulted: number;
  inTreatment: number;
  /** Median days (one decimal) from the referral's lead to the start of treatment, over those who started. */
  medianDaysToTreatment: number | null;
}

export function referrerScorecard(funnel: FunnelFigures): ReferrerScorecard {
  const stage = (s: FunnelStage) => funnel.stages.find((x) => x.stage === s);
  const hours = stage("in_treatment")?.medianHoursFromInquiry ?? null;
  return {
    referrals: stage("inquiry")?.count ?? 0,
    screened: stage("screened")?.count ?? 0,
    eligible: stage("eligible")?.count ?? 0,
    consulted: stage("consulted")?.count ?? 0,
    inTreatment: stage("in_treatment")?.count ?? 0,
    medianDaysToTreatment: hours === null ? null : Math.round((hours / 24) * 10) / 10,
  };
}

// Reports: the funnel's figures side by side, one column per coordinator, source, line or language.
import { inArray } from "drizzle-orm";
import type { Db } from "@intake/db";
import { inOneSnapshot, schema } from "@intake/db";
import {
  CALLER_LANGUAGES,
  CALLER_LANGUAGE_LABELS,
  LEAD_CHANNELS,
  LEAD_CHANNEL_LABELS,
  referrerScorecard,
  type CallerLanguage,
  type FunnelFigures,
  type FunnelInput,
  type LeadChannel,
} from "@intake/domain";
import { cohortFilter, dimensionValues, funnelFigures, catchUpFunnel, type CohortFilter, type Dimension } from "./funnel.ts";

const FIELD = {
  source: "source",
  line_id: "lineId",
  coordinator_id: "coordinatorId",
  campaign: "campaign",
  referrer_id: "referrerId",
} as const satisfies Record<Dimension, keyof CohortFilter>;

/**
 * One funnel per value of the dimension with at least one lead in the cohort, biggest first, then
 * the leads with none recorded (no source; no coordinator yet). Other filters still apply; a filter
 * on the grouped dimension itself leaves that one group.
 */
function groupsBy(db: Db, input: FunnelInput, dim: Dimension) {
  const field = FIELD[dim];
  return groupsOf(db, input, field, () => [...dimensionValues(db, dim), null]);
}

/**
 * One funnel per key of a cohort filter field (`values` lists the keys to try when the filter leaves
 * it open). The groups and the total are read in one snapshot, so they add up even while calls are
 * being logged.
 */
function groupsOf(
  db: Db,
  input: FunnelInput,
  field: keyof CohortFilter & ("source" | "lineId" | "coordinatorId" | "language" | "channel" | "campaign" | "referrerId"),
  values: () => (string | number | null)[],
) {
  catchUpFunnel(db);
  const base = cohortFilter(input);
  const fixed = base[field];
  return inOneSnapshot(db.$client, () => {
    const keys: (string | number | null)[] = fixed !== undefined ? [fixed] : values();
    const groups: { key: string | number | null; funnel: FunnelFigures }[] = [];
    for (const key of keys) {
      const funnel = funnelFigures(db, { ...base, [field]: key });
      if (funnel.stages[0]!.count > 0) groups.push({ key, funnel });
    }
    groups.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : b.funnel.stages[0]!.count - a.funnel.stages[0]!.count));
    return { total: funnelFigures(db, base), groups };
  });
}

export function reportByCoordinator(db: Db, input: FunnelInput) {
  const { total, groups } = groupsBy(db, input, "coordinator_id");
  const ids = groups.map((g) => g.key).filter((k): k is number => typeof k === "number");
  const names = new Map(
    ids.length
      ? db
          .select({ id: schema.user.id, name: schema.user.name })
          .from(schema.user)
          .where(inArray(schema.user.id, ids))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  return {
    total,
    groups: groups.map((g) => ({
      coordinatorId: g.key as number | null,
      name: g.key === null ? "No coordinator yet" : (names.get(g.key as number) ?? "Unknown user"),
      funnel: g.funnel,
    })),
  };
}

export function reportBySource(db: Db, input: FunnelInput) {
  const { total, groups } = groupsBy(db, input, "source");
  return { total, groups: groups.map((g) => ({ source: g.key as string | null, funnel: g.funnel })) };
}

export function reportByLine(db: Db, input: FunnelInput) {
  const { total, groups } = groupsBy(db, input, "line_id");
  const labels = new Map(
    db
      .select({ id: schema.line.id, label: schema.line.label })
      .from(schema.line)
      .all()
      .map((l) => [l.id, l.label]),
  );
  return {
    total,
    groups: groups.map((g) => ({
      lineId: g.key as number | null,
      label: g.key === null ? "No line" : (labels.get(g.key as number) ?? "Unknown line"),
      funnel: g.funnel,
    })),
  };
}

/** One funnel per language the cohort's leads speak (a short fixed list: each is tried, the empty ones left out). */
export function reportByLanguage(db: Db, input: FunnelInput) {
  const { total, groups } = groupsOf(db, input, "language", () => [...CALLER_LANGUAGES]);
  return {
    total,
    groups: groups.map((g) => ({ language: g.key as CallerLanguage, label: CALLER_LANGUAGE_LABELS[g.key as CallerLanguage], funnel: g.funnel })),
  };
}

/**
 * One funnel per referring provider the cohort's leads name, biggest first, then the leads no
 * provider referred; each with the provider's scorecard (docs/domain.md, "Referring providers").
 */
export function reportByReferrer(db: Db, input: FunnelInput) {
  const { total, groups } = groupsBy(db, input, "referrer_id");
  const ids = groups.map((g) => g.key).filter((k): k is number => typeof k === "number");
  const names = new Map(
    ids.length
      ? db
          .select({ id: schema.referrer.id, name: schema.referrer.name, practice: schema.referrer.practice })
          .from(schema.referrer)
          .where(inArray(schema.referrer.id, ids))
          .all()
          .map((r) => [r.id, r])
      : [],
  );
  return {
    total,
    groups: groups.map((g) => {
      const r = g.key === null ? undefined : names.get(g.key as number);
      return {
        referrerId: g.key as number | null,
        name: g.key === null ? "No referring provider" : (r?.name ?? "Unknown provider"),
        practice: r?.practice ?? null,
        funnel: g.funnel,
        scorecard: referrerScorecard(g.funnel),
      };
    }),
  };
}

/** One funnel per channel the cohort's leads came in by (call, web, text, referral), biggest first. */
export function reportByChannel(db: Db, input: FunnelInput) {
  const { total, groups } = groupsOf(db, input, "channel", () => [...LEAD_CHANNELS]);
  return {
    total,
    groups: groups.map((g) => ({ channel: g.key as LeadChannel, label: LEAD_CHANNEL_LABELS[g.key as LeadChannel], funnel: g.funnel })),
  };
}

/** One funnel per first-touch campaign as it was recorded (utm_campaign), biggest first, then the leads with none. */
export function reportByCampaign(db: Db, input: FunnelInput) {
  const { total, groups } = groupsBy(db, input, "campaign");
  return { total, groups: groups.map((g) => ({ campaign: g.key as string | null, funnel: g.funnel })) };
}

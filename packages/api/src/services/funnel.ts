// The conversion funnel: keeping each lead's funnel rows current, and reading a cohort's figures from them.
import { inOneSnapshot, perConnection, preparedSql, ROLLUP_BLOCK_DAYS, ROLLUP_DAY_MS, type Db } from "@intake/db";
import {
  CLOSED_REASONS,
  COUNT_MEASURES,
  FUNNEL_STAGES,
  MEASURE,
  MEASURE_COUNT,
  cohortRange,
  leadFacts,
  leadMeasures,
  locateRank,
  median,
  medianRanks,
  percentileRank,
  ratio,
  round1,
  round3,
  stageMeasure,
  type AppointmentStatus,
  type CallerLanguage,
  type CallDirection,
  type CallOutcome,
  type ClosedReason,
  type FunnelFigures,
  type FunnelInput,
  type FunnelLeadsInput,
  type LeadChannel,
  type LeadStatus,
  type Page,
} from "@intake/domain";

type Sqlite = Db["$client"];

/** A cohort and its filters; for a dimension, undefined means any value and null means none recorded. */
export interface CohortFilter {
  from: number;
  to: number;
  source?: string | null;
  lineId?: number | null;
  coordinatorId?: number | null;
  language?: CallerLanguage;
  referrerId?: number | null;
  channel?: LeadChannel;
  medium?: string | null;
  campaign?: string | null;
}

export function cohortFilter(input: FunnelInput): CohortFilter {
  const range = cohortRange(input);
  return {
    from: range.from.getTime(),
    to: range.to.getTime(),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.lineId !== undefined ? { lineId: input.lineId } : {}),
    ...(input.coordinatorId !== undefined ? { coordinatorId: input.coordinatorId } : {}),
    ...(input.language !== undefined ? { language: input.language } : {}),
    ...(input.referrerId !== undefined ? { referrerId: input.referrerId } : {}),
    ...(input.channel !== undefined ? { channel: input.channel } : {}),
    ...(input.medium !== undefined ? { medium: input.medium } : {}),
    ...(input.campaign !== undefined ? { campaign: input.campaign } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Keeping the rows current. Triggers mark a lead in funnel_dirty on every write that matters;
// here each marked lead is recomputed from its history and only the rows that changed are written.

interface MeasureRowDb {
  id: number;
  bucket: number;
  value: number;
  weight: number;
  created_at: number;
  source: string | null;
  line_id: number | null;
  coordinator_id: number | null;
  language: string | null;
  referrer_id: number | null;
  channel: string | null;
  medium: string | null;
  campaign: string | null;
}

/** What a lead's rows carry besides the measure itself: its cohort and every dimension the funnel filters by. */
type RowColumns = Omit<MeasureRowDb, "id" | "bucket" | "value" | "weight">;
const ROW_COLUMNS = ["created_at", "source", "line_id", "coordinator_id", "language", "referrer_id", "channel", "medium", "campaign"] as const;
/** The recompute's statements (exported for the test of what each one writes). */
export const SYNC_SQL = {
  lead: `select created_at, created_by_id, status, closed_reason, source, line_id, language, referrer_id, channel,
    first_medium as medium, first_campaign as campaign from lead where id = ?`,
  existing: `select id, bucket, value, weight, ${ROW_COLUMNS.join(", ")} from funnel_measure where id >= ? and id < ?`,
  insert: `insert into funnel_measure (id, lead_id, measure, bucket, value, weight, ${ROW_COLUMNS.join(", ")})
    values (@id, @leadId, @measure, @bucket, @value, @weight, ${ROW_COLUMNS.map((c) => `@${c}`).join(", ")})`,
  update: `update funnel_measure set bucket = @bucket, value = @value, weight = @weight, ${ROW_COLUMNS.map((c) => `${c} = @${c}`).join(", ")} where id = @id`,
  // A count that moved, and nothing else: no column of any index is assigned, so SQLite rewrites none.
  reweigh: `update funnel_measure set weight = @weight where id = @id`,
};

const SYNC_BATCH = 2000;

// The writer recomputes after every commit: its statements and transaction are built once per connection.
const syncStatements = perConnection((db) => {
  const sqlite = db.$client;
  const s = {
    batch: sqlite.prepare("select lead_id from funnel_dirty limit ?").pluck(),
    leadRow: sqlite.prepare(SYNC_SQL.lead),
    events: sqlite.prepare("select to_status, at, actor_id from lead_event where lead_id = ?"),
    calls: sqlite.prepare("select direction, outcome, started_at from call where lead_id = ?"),
    // By lead only: with kind in the condition the planner may walk every consult through the kind index.
    appointments: sqlite.prepare("select kind, status, confirmed_at from appointment where lead_id = ?"),
    existing: sqlite.prepare(SYNC_SQL.existing),
    remove: sqlite.prepare("delete from funnel_measure where id = ?"),
    insert: sqlite.prepare(SYNC_SQL.insert),
    update: sqlite.prepare(SYNC_SQL.update),
    reweigh: sqlite.prepare(SYNC_SQL.reweigh),
    clean: sqlite.prepare("delete from funnel_dirty where lead_id = ?"),
  };
  const run = sqlite.transaction((ids: number[]) => {
    for (const leadId of ids) syncLead(s, leadId);
  });
  return { ...s, run };
});
type SyncStatements = Omit<ReturnType<typeof syncStatements>, "run">;

/**
 * Brings marked leads' funnel rows up to date, at most `limit` of them (the writer does so at the
 * end of each of its commits); returns how many leads it recomputed.
 */
export function syncFunnel(db: Db, limit = Number.POSITIVE_INFINITY): number {
  const { batch, run } = syncStatements(db);
  let total = 0;
  for (;;) {
    const ids = batch.all(Math.min(SYNC_BATCH, limit - total)) as number[];
    if (!ids.length || total >= limit) return total;
    run.immediate(ids);
    total += ids.length;
  }
}

/**
 * One marked lead's rows recomputed from its history. A row whose figures did not change is left
 * alone; one that did is updated in place (every index of the table holds the figures, so each
 * changed row costs one entry per index, and nothing more), and a row the lead no longer has goes.
 * A count that moved (another call) rewrites only the row's weight, which no index holds.
 */
function syncLead({ leadRow, events, calls, appointments, existing, remove, insert, update, reweigh, clean }: SyncStatements, leadId: number): void {
  const base = leadId * 16;
  const current = new Map((existing.all(base, base + 16) as MeasureRowDb[]).map((r) => [r.id, r]));
  const lead = leadRow.get(leadId) as
    (Omit<RowColumns, "coordinator_id"> & { created_by_id: number | null; status: LeadStatus; closed_reason: ClosedReason | null }) | undefined;
  if (lead) {
    const facts = leadFacts({
      createdAt: lead.created_at,
      createdById: lead.created_by_id,
      status: lead.status,
      closedReason: lead.closed_reason,
      events: (events.all(leadId) as { to_status: LeadStatus; at: number; actor_id: number | null }[]).map((e) => ({
        toStatus: e.to_status,
        at: e.at,
        actorId: e.actor_id,
      })),
      calls: (calls.all(leadId) as { direction: CallDirection; outcome: CallOutcome; started_at: number }[]).map((c) => ({
        direction: c.direction,
        outcome: c.outcome,
        startedAt: c.started_at,
      })),
      ...consultStatuses(appointments.all(leadId) as { kind: string; status: AppointmentStatus; confirmed_at: number | null }[]),
    });
    const columns: RowColumns = {
      created_at: lead.created_at,
      source: lead.source,
      line_id: lead.line_id,
      coordinator_id: facts.coordinatorId,
      language: lead.language,
      referrer_id: lead.referrer_id,
      channel: lead.channel,
      medium: lead.medium,
      campaign: lead.campaign,
    };
    for (const m of leadMeasures(facts)) {
      const id = base + m.measure;
      const had = current.get(id);
      current.delete(id);
      const row = { id, bucket: m.bucket, value: m.value, weight: m.weight, ...columns };
      if (!had) insert.run({ ...row, leadId, measure: m.measure });
      else if (had.bucket !== m.bucket || had.value !== m.value || ROW_COLUMNS.some((c) => had[c] !== columns[c])) update.run(row);
      else if (had.weight !== m.weight) reweigh.run({ id, weight: m.weight });
    }
  }
  for (const stale of current.keys()) remove.run(stale);
  clean.run(leadId);
}

// ---------------------------------------------------------------------------------------------
// Reading a cohort.

/** The cohort filter's dimensions and their funnel_measure columns. */
const DIMENSION_COLUMNS = {
  source: "source",
  lineId: "line_id",
  coordinatorId: "coordinator_id",
  // Kept equal to the lead's (written with each row; triggers follow a lead's later change), each read through its own index.
  language: "language",
  channel: "channel",
  medium: "medium",
  campaign: "campaign",
  referrerId: "referrer_id",
} as const satisfies Partial<Record<keyof CohortFilter, string>>;

function dimensionSql(f: CohortFilter, alias = ""): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(DIMENSION_COLUMNS) as [keyof typeof DIMENSION_COLUMNS, string][]) {
    const value = f[field];
    if (value === undefined) continue;
    if (value === null) parts.push(`${alias}${column} is null`);
    else {
      parts.push(`${alias}${column} = @${field}`);
      params[field] = value;
    }
  }
  return { where: parts.map((p) => ` and ${p}`).join(""), params };
}

const MEASURE_IDS = Array.from({ length: MEASURE_COUNT }, (_, i) => `(${i})`).join(", ");

const COUNT_MEASURE_IDS = COUNT_MEASURES.join(", ");

/**
 * The summed weight of the cohort's rows in bucket b over a range of created_at: for most measures
 * a range count on (measure, bucket, created_at) that reads no row; for a count measure (one
 * bucket, the counts in the rows' weights) the rows it finds are read for their weights.
 */
function weightSql(range: string, dims: string): string {
  const rows = `from funnel_measure where measure = b.measure and bucket = b.bucket and ${range}${dims}`;
  return `case when b.measure in (${COUNT_MEASURE_IDS}) then (select coalesce(sum(weight), 0) ${rows}) else (select count(*) ${rows}) end`;
}

/**
 * The cohort's histogram of every measure: for each bucket present (found by skipping through the
 * index, two seeks a bucket), the summed weight of the cohort's rows in it (weightSql). Its cost is
 * the cohort's row count, not the table's.
 */
export function histogramSql(dims: string): string {
  return `${bucketsPresent(dims)}
  select measure, bucket, ${weightSql("created_at >= @from and created_at < @to", dims)} as n
  from b where bucket is not null`;
}

/** `b(measure, bucket)`: every (measure, bucket) with a row, found by skipping through the index. */
function bucketsPresent(dims: string): string {
  return `with recursive m(id) as (values ${MEASURE_IDS}),
  b(measure, bucket) as (
    select id, (select min(bucket) from funnel_measure where measure = m.id${dims}) from m
    union all
    select measure, (select min(bucket) from funnel_measure where measure = b.measure and bucket > b.bucket${dims}) from b where bucket is not null
  )`;
}

/** The value at a position of one bucket of the cohort, counted from its smallest value (`asc`) or its largest (`desc`). */
function bucketValueSql(dims: string, order: "asc" | "desc"): string {
  return `select value from funnel_measure
  where measure = @measure and bucket = @bucket and created_at >= @from and created_at < @to${dims}
  order by value ${order} limit 1 offset @offset`;
}

export type Histogram = { bucket: number; n: number }[];
type HistogramRow = { measure: number; bucket: number; n: number };

/** The rollup's counts over whole days [d0, d1) and [d2, d3) and whole blocks [b0, b1), by measure and bucket. */
const ROLLUP_SQL = `select measure, bucket, sum(n) as n from (
    select measure, bucket, n from funnel_rollup where span = 0 and period >= @d0 and period < @d1
    union all select measure, bucket, n from funnel_rollup where span = 0 and period >= @d2 and period < @d3
    union all select measure, bucket, n from funnel_rollup where span = 5 and period >= @b0 and period < @b1
  ) group by measure, bucket`;

/**
 * The unfiltered histogram of the rows created in [from, firstDayAt) and [endDayAt, to): the
 * part-days rollupHistogram leaves. Each lies within one UTC day (@firstPartDay, @lastPartDay; null
 * when it is empty), and every (measure, bucket) with a row created on a day has that day's rollup
 * row (a count that drops to zero keeps it), so only those are counted in each part-day: a few
 * hundred instead of every bucket of every measure.
 */
const EDGE_HISTOGRAM_SQL = `select measure, bucket, ${weightSql("created_at >= @from and created_at < @firstDayAt", "")} as n
  from funnel_rollup b where span = 0 and period = @firstPartDay
  union all
  select measure, bucket, ${weightSql("created_at >= @endDayAt and created_at < @to", "")} as n
  from funnel_rollup b where span = 0 and period = @lastPartDay`;

/**
 * The whole cohort's histogram without a filter: whole 32-day blocks and whole days read from
 * funnel_rollup (a year is ~11 blocks and at most 62 days of rows), only the part-days at the two
 * ends counted in funnel_measure. The same figures as histogramSql over the range, at a fraction
 * of its cost, which grows with the cohort's rows.
 */
function rollupHistogram(sqlite: Sqlite, from: number, to: number): HistogramRow[] {
  const firstDay = Math.ceil(from / ROLLUP_DAY_MS);
  const endDay = Math.floor(to / ROLLUP_DAY_MS);
  if (firstDay >= endDay) return preparedSql(sqlite, histogramSql("")).all({ from, to }) as HistogramRow[];
  const firstBlock = Math.ceil(firstDay / ROLLUP_BLOCK_DAYS);
  const endBlock = Math.floor(endDay / ROLLUP_BLOCK_DAYS);
  const days =
    firstBlock < endBlock
      ? { d0: firstDay, d1: firstBlock * ROLLUP_BLOCK_DAYS, d2: endBlock * ROLLUP_BLOCK_DAYS, d3: endDay, b0: firstBlock, b1: endBlock }
      : { d0: firstDay, d1: endDay, d2: 0, d3: 0, b0: 0, b1: 0 };
  const rows = preparedSql(sqlite, ROLLUP_SQL).all(days) as HistogramRow[];
  const firstDayAt = firstDay * ROLLUP_DAY_MS;
  const endDayAt = endDay * ROLLUP_DAY_MS;
  const edges = preparedSql(sqlite, EDGE_HISTOGRAM_SQL).all({
    from,
    firstDayAt,
    endDayAt,
    to,
    firstPartDay: from < firstDayAt ? firstDay - 1 : null,
    lastPartDay: to > endDayAt ? endDay : null,
  }) as HistogramRow[];
  return rows.concat(edges);
}

export function histograms(sqlite: Sqlite, f: CohortFilter): Histogram[] {
  const { where, params } = dimensionSql(f);
  const rows =
    where === ""
      ? rollupHistogram(sqlite, f.from, f.to)
      : (preparedSql(sqlite, histogramSql(where)).all({ ...params, from: f.from, to: f.to }) as HistogramRow[]);
  const byMeasure = Array.from({ length: MEASURE_COUNT }, () => new Map<number, number>());
  for (const r of rows) byMeasure[r.measure]!.set(r.bucket, (byMeasure[r.measure]!.get(r.bucket) ?? 0) + r.n);
  return byMeasure.map((m) =>
    [...m]
      .filter(([, n]) => n > 0)
      .map(([bucket, n]) => ({ bucket, n }))
      .sort((a, b) => a.bucket - b.bucket),
  );
}

/**
 * Values at the given 1-based ranks of a measure within the cohort, read from their buckets only
 * (exported for its test). To reach a position SQLite sorts the bucket's rows, holding every row up
 * to it: a rank in the upper half of its bucket is counted from the top, which holds fewer.
 */
export function valuesAtRanks(sqlite: Sqlite, f: CohortFilter, measure: number, histogram: Histogram, ranks: number[]): number[] {
  const { where, params } = dimensionSql(f);
  const fromBottom = preparedSql(sqlite, bucketValueSql(where, "asc")).pluck();
  const fromTop = preparedSql(sqlite, bucketValueSql(where, "desc")).pluck();
  const out: number[] = [];
  for (const rank of ranks) {
    const at = locateRank(histogram, rank);
    if (!at) continue;
    // Bucket 0 holds only zeros (a lead contacted the moment it was created): nothing to read.
    if (at.bucket === 0) {
      out.push(0);
      continue;
    }
    const cohort = { ...params, from: f.from, to: f.to, measure, bucket: at.bucket };
    const value = (at.fromTop < at.offset ? fromTop.get({ ...cohort, offset: at.fromTop }) : fromBottom.get({ ...cohort, offset: at.offset })) as
      number | undefined;
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** A lead's consults for the funnel: every consult's status, and those of the ones the caller confirmed by text. */
function consultStatuses(rows: { kind: string; status: AppointmentStatus; confirmed_at: number | null }[]) {
  const consults = rows.filter((a) => a.kind === "consult");
  return { consults: consults.map((a) => a.status), confirmedConsults: consults.filter((a) => a.confirmed_at !== null).map((a) => a.status) };
}

/** The cohort's rows of a measure; for a count measure, whose rows weigh their counts, the cohort's sum. */
const total = (h: Histogram) => h.reduce((s, x) => s + x.n, 0);

/**
 * Every figure of docs/domain.md "Funnel" for one cohort, read in one snapshot: a figure is read in
 * several statements (the rollup, the part-days, the medians), and a write committed between two of
 * them must not be seen by one and not the other.
 */
export function funnelFigures(db: Db, f: CohortFilter): FunnelFigures {
  return inOneSnapshot(db.$client, () => figuresOf(db, f));
}

function figuresOf(db: Db, f: CohortFilter): FunnelFigures {
  const sqlite = db.$client;
  const hist = histograms(sqlite, f);
  const inquiry = total(hist[MEASURE.inquiry]!);
  const counts = FUNNEL_STAGES.map((_, k) => (k === 0 ? inquiry : total(hist[stageMeasure(k)]!)));
  const stages = FUNNEL_STAGES.map((stage, k) => {
    const count = counts[k]!;
    let medianMs: number | null = null;
    if (k === 0) medianMs = count > 0 ? 0 : null;
    else if (count > 0) medianMs = median(valuesAtRanks(sqlite, f, stageMeasure(k), hist[stageMeasure(k)]!, medianRanks(count)));
    return {
      stage,
      count,
      fromPrevious: k === 0 ? null : round3(ratio(count, counts[k - 1]!)),
      fromInquiry: k === 0 ? null : round3(ratio(count, inquiry)),
      medianHoursFromInquiry: round1(medianMs === null ? null : medianMs / 3_600_000),
    };
  });
  const closed = hist[MEASURE.closed]!;
  const closedReasons = CLOSED_REASONS.map((reason, i) => ({ reason, count: closed.find((h) => h.bucket === i)?.n ?? 0 }));

  const stlHist = hist[MEASURE.speedToLead]!;
  const contacted = total(stlHist);
  const stlMedian = median(valuesAtRanks(sqlite, f, MEASURE.speedToLead, stlHist, medianRanks(contacted)));
  const stlP90 = valuesAtRanks(sqlite, f, MEASURE.speedToLead, stlHist, percentileRank(contacted, 90))[0] ?? null;
  const minutes = (ms: number | null) => round1(ms === null ? null : ms / 60_000);

  const inbound = total(hist[MEASURE.inboundCalls]!);
  const connected = total(hist[MEASURE.connectedCalls]!);
  const attended = total(hist[MEASURE.consultsAttended]!);
  const noShow = total(hist[MEASURE.consultsNoShow]!);
  const confirmedAttended = total(hist[MEASURE.confirmedAttended]!);
  const confirmedNoShow = total(hist[MEASURE.confirmedNoShow]!);
  return {
    stages,
    closedReasons,
    speedToLead: { medianMinutes: minutes(stlMedian), p90Minutes: minutes(stlP90) },
    answerRate: round3(ratio(connected, inbound)),
    showRate: round3(ratio(attended, attended + noShow)),
    showRateByConfirmation: {
      confirmed: round3(ratio(confirmedAttended, confirmedAttended + confirmedNoShow)),
      unconfirmed: round3(ratio(attended - confirmedAttended, attended - confirmedAttended + noShow - confirmedNoShow)),
    },
    calls: { inbound, connected },
    consults: { attended, noShow, confirmedAttended, confirmedNoShow },
  };
}

/** Whether some lead's funnel rows wait to be recomputed (a read: any connection may ask). */
export function funnelBehind(db: Db): boolean {
  return preparedSql(db.$client, "select 1 from funnel_dirty limit 1").get() !== undefined;
}

/**
 * Before a read: the marked leads' rows, on a connection that may write (tests, the command line).
 * The server reads on read-only connections and asks its writer to catch up first ("funnel.sync").
 */
export function catchUpFunnel(db: Db): void {
  if (!db.$client.readonly) syncFunnel(db);
}

export function getFunnel(db: Db, input: FunnelInput): FunnelFigures {
  catchUpFunnel(db);
  return funnelFigures(db, cohortFilter(input));
}

// ---------------------------------------------------------------------------------------------
// Drill-down: the named leads behind a bar.

export interface FunnelLeadItem {
  id: number;
  name: string | null;
  status: LeadStatus;
  source: string | null;
  createdAt: Date;
  /** When the lead reached the stage asked for. */
  reachedAt: Date;
  closedReason: ClosedReason | null;
}

export function funnelLeads(db: Db, input: FunnelLeadsInput): Page<FunnelLeadItem> {
  catchUpFunnel(db);
  return inOneSnapshot(db.$client, () => leadsOf(db, input));
}

function leadsOf(db: Db, input: FunnelLeadsInput): Page<FunnelLeadItem> {
  const sqlite = db.$client;
  const f = cohortFilter(input);
  const k = FUNNEL_STAGES.indexOf(input.stage);
  const { where, params } = dimensionSql(f, "q.");
  const reason = input.closedReason === undefined ? null : CLOSED_REASONS.indexOf(input.closedReason);
  // Leads newest first straight from the lead's creation index; each row's funnel rows are found by key.
  const from = `from lead l
    cross join funnel_measure q on q.id = l.id * 16 + ${MEASURE.inquiry}
    cross join funnel_measure s on s.id = l.id * 16 + @measure
    ${reason === null ? "" : `cross join funnel_measure c on c.id = l.id * 16 + ${MEASURE.closed} and c.value = @reason`}
    where l.created_at >= @from and l.created_at < @to${where}`;
  const args = { ...params, from: f.from, to: f.to, measure: stageMeasure(k), ...(reason === null ? {} : { reason }) };
  const rows = preparedSql(
    sqlite,
    `select l.id, l.name, l.status, l.source, l.created_at, s.value as after_ms, l.closed_reason ${from}
     order by l.created_at desc, l.id desc limit @limit offset @offset`,
  ).all({ ...args, limit: input.perPage, offset: (input.page - 1) * input.perPage }) as {
    id: number;
    name: string | null;
    status: LeadStatus;
    source: string | null;
    created_at: number;
    after_ms: number;
    closed_reason: ClosedReason | null;
  }[];
  let count: number;
  if (reason === null || k === 0) {
    // One measure decides membership, so the histogram's range counts give the total.
    const hist = histograms(sqlite, f);
    count = reason === null ? total(hist[k === 0 ? MEASURE.inquiry : stageMeasure(k)]!) : (hist[MEASURE.closed]!.find((h) => h.bucket === reason)?.n ?? 0);
  } else {
    count = (preparedSql(sqlite, `select count(*) as n ${from}`).get(args) as { n: number }).n;
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      source: r.source,
      createdAt: new Date(r.created_at),
      reachedAt: new Date(r.created_at + r.after_ms),
      closedReason: r.status === "closed" ? r.closed_reason : null,
    })),
    total: count,
  };
}

/** The dimensions a cohort can be filtered and grouped by, as funnel_measure columns. */
export type Dimension = "source" | "line_id" | "coordinator_id" | "campaign" | "referrer_id";

/** The values a dimension takes among funnel rows, by skipping through its index (one seek each). */
export function dimensionValues(db: Db, dim: Dimension): (string | number)[] {
  const index = {
    source: "funnel_measure_source_idx",
    line_id: "funnel_measure_line_idx",
    coordinator_id: "funnel_measure_coordinator_idx",
    referrer_id: "funnel_measure_referrer_idx",
    campaign: "funnel_measure_campaign_idx",
  }[dim];
  return preparedSql(
    db.$client,
    `with recursive v(x) as (
      select (select min(${dim}) from funnel_measure indexed by ${index} where ${dim} is not null)
      union all
      select (select min(${dim}) from funnel_measure indexed by ${index} where ${dim} > v.x) from v where v.x is not null
    ) select x from v where x is not null`,
  )
    .pluck()
    .all() as (string | number)[];
}

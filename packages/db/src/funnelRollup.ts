// funnel_rollup's periods, and the rollup counted afresh from funnel_measure (the same sums as
// migrations 0016 and 0017 backfill; its triggers use the same periods as literals).
import type Database from "better-sqlite3";

/** Span 0: a UTC day of the lead's creation, created_at / ROLLUP_DAY_MS. */
export const ROLLUP_DAY_MS = 86_400_000;
/** Span 5: a block of 32 UTC days, day / ROLLUP_BLOCK_DAYS. */
export const ROLLUP_BLOCK_DAYS = 32;

/** For a bulk load that ran with migration 0016's triggers off: the rollup is counted once afterwards. */
export function recountFunnelRollup(sqlite: Database.Database): void {
  sqlite.exec(`delete from funnel_rollup;
    insert into funnel_rollup (span, period, measure, bucket, n)
      select 0, created_at / ${ROLLUP_DAY_MS}, measure, bucket, sum(weight) from funnel_measure group by 2, 3, 4
      union all
      select 5, created_at / ${ROLLUP_DAY_MS * ROLLUP_BLOCK_DAYS}, measure, bucket, sum(weight) from funnel_measure group by 2, 3, 4`);
}

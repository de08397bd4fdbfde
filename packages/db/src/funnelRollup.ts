// funnel_rollup counted afresh from funnel_measure (the same count as migration 0016's backfill).
import type Database from "better-sqlite3";

/** For a bulk load that ran with migration 0016's triggers off: the rollup is counted once afterwards. */
export function recountFunnelRollup(sqlite: Database.Database): void {
  sqlite.exec(`delete from funnel_rollup;
    insert into funnel_rollup (span, period, measure, bucket, n)
      select 0, created_at / 86400000, measure, bucket, count(*) from funnel_measure group by 2, 3, 4
      union all
      select 5, created_at / 2764800000, measure, bucket, count(*) from funnel_measure group by 2, 3, 4`);
}

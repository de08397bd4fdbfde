-- Hand-edited after drizzle-kit generate: WITHOUT ROWID (the key is the row, one b-tree), and the
-- triggers and backfill below. An unfiltered cohort's histogram adds whole days and 32-day blocks
-- from here instead of counting every row of a year (services/funnel.ts, histograms).
-- Periods are of the lead's creation in UTC: span 0 is the day created_at / 86400000, span 5 the
-- block of 32 days created_at / 2764800000. A count that drops to zero keeps its row.
CREATE TABLE `funnel_rollup` (
	`span` integer NOT NULL,
	`period` integer NOT NULL,
	`measure` integer NOT NULL,
	`bucket` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`span`, `period`, `measure`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
  SELECT 0, `created_at` / 86400000, `measure`, `bucket`, count(*) FROM `funnel_measure` GROUP BY 2, 3, 4
  UNION ALL
  SELECT 5, `created_at` / 2764800000, `measure`, `bucket`, count(*) FROM `funnel_measure` GROUP BY 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `funnel_rollup_insert` AFTER INSERT ON `funnel_measure` BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, new.`created_at` / 86400000, new.`measure`, new.`bucket`, 1), (5, new.`created_at` / 2764800000, new.`measure`, new.`bucket`, 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `funnel_rollup_delete` AFTER DELETE ON `funnel_measure` BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, old.`created_at` / 86400000, old.`measure`, old.`bucket`, -1), (5, old.`created_at` / 2764800000, old.`measure`, old.`bucket`, -1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `funnel_rollup_update` AFTER UPDATE OF `measure`, `bucket`, `created_at` ON `funnel_measure`
  WHEN old.`measure` <> new.`measure` OR old.`bucket` <> new.`bucket` OR old.`created_at` / 86400000 <> new.`created_at` / 86400000
BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, old.`created_at` / 86400000, old.`measure`, old.`bucket`, -1), (5, old.`created_at` / 2764800000, old.`measure`, old.`bucket`, -1),
      (0, new.`created_at` / 86400000, new.`measure`, new.`bucket`, 1), (5, new.`created_at` / 2764800000, new.`measure`, new.`bucket`, 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

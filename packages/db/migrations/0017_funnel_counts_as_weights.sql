-- Hand-edited after drizzle-kit generate. A count measure (inbound calls 9, connected calls 10,
-- consults attended 11 and missed 12, confirmed ones attended 14 and missed 15) kept its count in
-- value and bucket, which every index of funnel_measure holds: each logged call moved two rows in
-- all nine indexes. The count is now the row's weight, in no index; value and bucket stay 0, so a
-- call rewrites the row and its rollup counts only. funnel_rollup's n becomes the summed weight
-- (a row count for every other measure, where the weight is 1).
ALTER TABLE `funnel_measure` ADD `weight` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
DROP TRIGGER `funnel_rollup_insert`;
--> statement-breakpoint
DROP TRIGGER `funnel_rollup_delete`;
--> statement-breakpoint
DROP TRIGGER `funnel_rollup_update`;
--> statement-breakpoint
UPDATE `funnel_measure` SET `weight` = `value`, `value` = 0, `bucket` = 0 WHERE `measure` IN (9, 10, 11, 12, 14, 15);
--> statement-breakpoint
DELETE FROM `funnel_rollup` WHERE `measure` IN (9, 10, 11, 12, 14, 15);
--> statement-breakpoint
INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
  SELECT 0, `created_at` / 86400000, `measure`, `bucket`, sum(`weight`) FROM `funnel_measure` WHERE `measure` IN (9, 10, 11, 12, 14, 15) GROUP BY 2, 3, 4
  UNION ALL
  SELECT 5, `created_at` / 2764800000, `measure`, `bucket`, sum(`weight`) FROM `funnel_measure` WHERE `measure` IN (9, 10, 11, 12, 14, 15) GROUP BY 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `funnel_rollup_insert` AFTER INSERT ON `funnel_measure` BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, new.`created_at` / 86400000, new.`measure`, new.`bucket`, new.`weight`), (5, new.`created_at` / 2764800000, new.`measure`, new.`bucket`, new.`weight`)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `funnel_rollup_delete` AFTER DELETE ON `funnel_measure` BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, old.`created_at` / 86400000, old.`measure`, old.`bucket`, -old.`weight`), (5, old.`created_at` / 2764800000, old.`measure`, old.`bucket`, -old.`weight`)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- A row that moves (measure, bucket or day) takes its weight along, whatever else changed with it.
CREATE TRIGGER `funnel_rollup_update` AFTER UPDATE OF `measure`, `bucket`, `created_at` ON `funnel_measure`
  WHEN old.`measure` <> new.`measure` OR old.`bucket` <> new.`bucket` OR old.`created_at` / 86400000 <> new.`created_at` / 86400000
BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, old.`created_at` / 86400000, old.`measure`, old.`bucket`, -old.`weight`), (5, old.`created_at` / 2764800000, old.`measure`, old.`bucket`, -old.`weight`),
      (0, new.`created_at` / 86400000, new.`measure`, new.`bucket`, new.`weight`), (5, new.`created_at` / 2764800000, new.`measure`, new.`bucket`, new.`weight`)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
-- The row stays where it was (same measure, bucket and day): only its weight moves the rollup.
CREATE TRIGGER `funnel_rollup_weight` AFTER UPDATE OF `weight` ON `funnel_measure`
  WHEN old.`weight` <> new.`weight` AND old.`measure` = new.`measure` AND old.`bucket` = new.`bucket` AND old.`created_at` / 86400000 = new.`created_at` / 86400000
BEGIN
  INSERT INTO `funnel_rollup` (`span`, `period`, `measure`, `bucket`, `n`)
    VALUES (0, new.`created_at` / 86400000, new.`measure`, new.`bucket`, new.`weight` - old.`weight`), (5, new.`created_at` / 2764800000, new.`measure`, new.`bucket`, new.`weight` - old.`weight`)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;

CREATE TABLE `lead_status_count` (
	`status` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
-- Hand-written below (drizzle-kit cannot express triggers): keep when regenerating. src/lead-count.test.ts checks them.
INSERT INTO `lead_status_count` (`status`, `n`) SELECT `status`, count(*) FROM `lead` GROUP BY `status`;--> statement-breakpoint
CREATE TRIGGER `lead_status_count_insert` AFTER INSERT ON `lead` BEGIN
  INSERT INTO `lead_status_count` (`status`, `n`) VALUES (new.`status`, 1)
    ON CONFLICT (`status`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `lead_status_count_delete` AFTER DELETE ON `lead` BEGIN
  UPDATE `lead_status_count` SET `n` = `n` - 1 WHERE `status` = old.`status`;
END;--> statement-breakpoint
CREATE TRIGGER `lead_status_count_update` AFTER UPDATE OF `status` ON `lead` WHEN old.`status` IS NOT new.`status` BEGIN
  UPDATE `lead_status_count` SET `n` = `n` - 1 WHERE `status` = old.`status`;
  INSERT INTO `lead_status_count` (`status`, `n`) VALUES (new.`status`, 1)
    ON CONFLICT (`status`) DO UPDATE SET `n` = `n` + 1;
END;

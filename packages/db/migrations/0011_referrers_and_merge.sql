CREATE TABLE `referrer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`npi` text,
	`practice` text,
	`phone` text,
	`fax` text,
	`address` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referrer_npi_unique` ON `referrer` (`npi`);--> statement-breakpoint
CREATE INDEX `referrer_name_idx` ON `referrer` ("name" collate nocase);--> statement-breakpoint
ALTER TABLE `funnel_measure` ADD `referrer_id` integer;--> statement-breakpoint
CREATE INDEX `funnel_measure_referrer_idx` ON `funnel_measure` (`referrer_id`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
ALTER TABLE `lead` ADD `referrer_id` integer REFERENCES referrer(id);--> statement-breakpoint
ALTER TABLE `lead` ADD `may_update_referrer` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `lead` ADD `merged_into_id` integer REFERENCES lead(id);--> statement-breakpoint
CREATE INDEX `lead_referrer_idx` ON `lead` (`referrer_id`,`created_at`);--> statement-breakpoint
-- Hand-written below the generated statements (keep them when regenerating): funnel_measure.referrer_id
-- follows the lead's, as language does (0010), so the funnel filters and groups by referring provider
-- on its own index and the funnel's sync code does not need to know about it.
CREATE TRIGGER `funnel_measure_referrer_insert` AFTER INSERT ON `funnel_measure` BEGIN
  UPDATE `funnel_measure` SET `referrer_id` = (SELECT `referrer_id` FROM `lead` WHERE `id` = new.`lead_id`) WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `funnel_measure_referrer_lead` AFTER UPDATE OF `referrer_id` ON `lead` BEGIN
  UPDATE `funnel_measure` SET `referrer_id` = new.`referrer_id` WHERE `id` >= new.`id` * 16 AND `id` < new.`id` * 16 + 16;
END;

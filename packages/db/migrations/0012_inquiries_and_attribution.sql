CREATE TABLE `inquiry_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `lead_touch` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`reference` text NOT NULL,
	`channel` text NOT NULL,
	`source` text,
	`medium` text,
	`campaign` text,
	`term` text,
	`content` text,
	`gclid` text,
	`landing_page` text,
	`referrer` text,
	`name` text,
	`email` text,
	`message` text,
	`preferred_contact` text,
	`text_consent` integer DEFAULT false NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_touch_reference_unique` ON `lead_touch` (`reference`);--> statement-breakpoint
CREATE INDEX `lead_touch_lead_idx` ON `lead_touch` (`lead_id`,`at`);--> statement-breakpoint
ALTER TABLE `funnel_measure` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `funnel_measure` ADD `medium` text;--> statement-breakpoint
ALTER TABLE `funnel_measure` ADD `campaign` text;--> statement-breakpoint
CREATE INDEX `funnel_measure_channel_idx` ON `funnel_measure` (`channel`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE INDEX `funnel_measure_medium_idx` ON `funnel_measure` (`medium`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE INDEX `funnel_measure_campaign_idx` ON `funnel_measure` (`campaign`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
ALTER TABLE `lead` ADD `channel` text DEFAULT 'call' NOT NULL;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_source` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_medium` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_campaign` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_term` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_content` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_gclid` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_landing_page` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_referrer` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `first_at` integer;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_source` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_medium` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_campaign` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_term` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_content` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_gclid` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_landing_page` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_referrer` text;--> statement-breakpoint
ALTER TABLE `lead` ADD `last_at` integer;--> statement-breakpoint
-- Hand-written below the generated statements (keep them when regenerating).
-- Every lead before this one began with a call: its channel is `call`, and both its touches take
-- the source as recorded (the coordinator's free text, else the line's), the first at its creation,
-- the last at its latest inbound call.
UPDATE `lead` SET
  `first_source` = coalesce(`source`, (SELECT `source` FROM `line` WHERE `line`.`id` = `lead`.`line_id`)),
  `first_at` = `created_at`,
  `last_source` = coalesce(`source`, (SELECT `source` FROM `line` WHERE `line`.`id` = `lead`.`line_id`)),
  `last_at` = coalesce((SELECT max(`started_at`) FROM `call` WHERE `call`.`lead_id` = `lead`.`id` AND `call`.`direction` = 'inbound'), `created_at`);--> statement-breakpoint
-- funnel_measure.channel, .medium and .campaign follow the lead's channel and first touch, so the
-- funnel filters by them on their own indexes, as by language (migration 0010).
CREATE TRIGGER `funnel_measure_attribution_insert` AFTER INSERT ON `funnel_measure` BEGIN
  UPDATE `funnel_measure` SET
    `channel` = (SELECT `channel` FROM `lead` WHERE `id` = new.`lead_id`),
    `medium` = (SELECT `first_medium` FROM `lead` WHERE `id` = new.`lead_id`),
    `campaign` = (SELECT `first_campaign` FROM `lead` WHERE `id` = new.`lead_id`)
  WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `funnel_measure_attribution_lead` AFTER UPDATE OF `channel`, `first_medium`, `first_campaign` ON `lead` BEGIN
  UPDATE `funnel_measure` SET `channel` = new.`channel`, `medium` = new.`first_medium`, `campaign` = new.`first_campaign`
  WHERE `id` >= new.`id` * 16 AND `id` < new.`id` * 16 + 16;
END;--> statement-breakpoint
UPDATE `funnel_measure` SET `channel` = (SELECT `channel` FROM `lead` WHERE `id` = `funnel_measure`.`lead_id`);

ALTER TABLE `funnel_measure` ADD `language` text;--> statement-breakpoint
CREATE INDEX `funnel_measure_language_idx` ON `funnel_measure` (`language`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
ALTER TABLE `lead` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `lead` ADD `interpreter_needed` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written below the generated statements (keep them when regenerating): funnel_measure.language
-- follows the lead's, so the funnel filters by language on its own index like source or line, and
-- the funnel's sync code does not need to know about it.
CREATE TRIGGER `funnel_measure_language_insert` AFTER INSERT ON `funnel_measure` BEGIN
  UPDATE `funnel_measure` SET `language` = (SELECT `language` FROM `lead` WHERE `id` = new.`lead_id`) WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `funnel_measure_language_lead` AFTER UPDATE OF `language` ON `lead` BEGIN
  UPDATE `funnel_measure` SET `language` = new.`language` WHERE `id` >= new.`id` * 16 AND `id` < new.`id` * 16 + 16;
END;--> statement-breakpoint
UPDATE `funnel_measure` SET `language` = (SELECT `language` FROM `lead` WHERE `id` = `funnel_measure`.`lead_id`);

CREATE TABLE `faq_answer_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`faq_id` text NOT NULL,
	`version` integer NOT NULL,
	`question_en` text NOT NULL,
	`answer_en` text NOT NULL,
	`question_es` text NOT NULL,
	`answer_es` text NOT NULL,
	`needs_clinician_approval` integer NOT NULL,
	`edited_by_id` integer NOT NULL,
	`approved_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`edited_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `faq_answer_version_idx` ON `faq_answer_version` (`faq_id`,`version`);--> statement-breakpoint
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

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
CREATE UNIQUE INDEX `faq_answer_version_idx` ON `faq_answer_version` (`faq_id`,`version`);
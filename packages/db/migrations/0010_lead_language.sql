ALTER TABLE `lead` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `lead` ADD `interpreter_needed` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `lead_language_created_idx` ON `lead` (`language`,`created_at`);
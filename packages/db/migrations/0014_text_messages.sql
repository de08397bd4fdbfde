CREATE TABLE `message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`direction` text NOT NULL,
	`body` text NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text,
	`status` text NOT NULL,
	`error_code` text,
	`template` text,
	`sent_by_id` integer,
	`read_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`line_id`) REFERENCES `line`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_provider_idx` ON `message` (`provider`,`provider_message_id`);--> statement-breakpoint
CREATE INDEX `message_lead_idx` ON `message` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `message_unread_idx` ON `message` (`created_at`) WHERE direction = 'inbound' and read_at is null;--> statement-breakpoint
CREATE TABLE `text_consent_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`state` text NOT NULL,
	`source` text NOT NULL,
	`actor_id` integer,
	`keyword` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `text_consent_event_lead_idx` ON `text_consent_event` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `text_reminder` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`hours_before` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`detail` text,
	`message_id` integer,
	`claimed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointment`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `message`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `text_reminder_appointment_idx` ON `text_reminder` (`appointment_id`,`status`);--> statement-breakpoint
CREATE INDEX `text_reminder_due_idx` ON `text_reminder` (`due_at`) WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE `appointment` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `lead` ADD `text_consent` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `line` ADD `sms_enabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written (keep when regenerating): a consult confirmed by text, or its confirmation cleared by a
-- move, changes the funnel's show rate of confirmed vs unconfirmed consults.
CREATE TRIGGER `funnel_dirty_appointment_confirmed` AFTER UPDATE OF `confirmed_at` ON `appointment` WHEN new.`kind` = 'consult' BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`lead_id`);
END;

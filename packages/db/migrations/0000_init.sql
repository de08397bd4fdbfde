CREATE TABLE `appointment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`clinician_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`cancel_reason` text,
	`booked_by_id` integer,
	`outcome_by_id` integer,
	`outcome_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`clinician_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booked_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`outcome_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_clinician_idx` ON `appointment` (`clinician_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointment_lead_idx` ON `appointment` (`lead_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointment_kind_status_idx` ON `appointment` (`kind`,`status`,`lead_id`);--> statement-breakpoint
CREATE TABLE `appointment_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`change` text NOT NULL,
	`from_starts_at` integer,
	`to_starts_at` integer,
	`from_clinician_id` integer,
	`to_clinician_id` integer,
	`reason` text,
	`actor_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointment`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_clinician_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_clinician_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_event_appointment_idx` ON `appointment_event` (`appointment_id`,`at`);--> statement-breakpoint
CREATE TABLE `audit_entry` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_role` text,
	`action` text NOT NULL,
	`record_type` text,
	`record_id` text,
	`ip` text,
	`outcome` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_entry` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_entry` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_record_idx` ON `audit_entry` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `call` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`direction` text NOT NULL,
	`line_id` integer NOT NULL,
	`other_number` text NOT NULL,
	`other_number_index` text NOT NULL,
	`started_at` integer NOT NULL,
	`duration_seconds` integer NOT NULL,
	`outcome` text NOT NULL,
	`notes` text,
	`handled_by_id` integer,
	`lead_id` integer,
	`provider` text,
	`provider_call_id` text,
	`state` text DEFAULT 'ended' NOT NULL,
	`provider_status_rank` integer DEFAULT 3 NOT NULL,
	`answered_at` integer,
	`ended_at` integer,
	`needs_completion` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `line`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `call_provider_idx` ON `call` (`provider`,`provider_call_id`);--> statement-breakpoint
CREATE INDEX `call_state_idx` ON `call` (`state`);--> statement-breakpoint
CREATE INDEX `call_number_idx` ON `call` (`other_number_index`);--> statement-breakpoint
CREATE INDEX `call_started_idx` ON `call` (`started_at`);--> statement-breakpoint
CREATE INDEX `call_lead_idx` ON `call` (`lead_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `call_outcome_started_idx` ON `call` (`outcome`,`started_at`);--> statement-breakpoint
CREATE TABLE `checklist_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`item` text NOT NULL,
	`status` text NOT NULL,
	`requested_on` text,
	`done_on` text,
	`waived_note` text,
	`waived_by_id` integer,
	`waived_at` integer,
	`updated_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`waived_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_item_lead_item_idx` ON `checklist_item` (`lead_id`,`item`);--> statement-breakpoint
CREATE TABLE `clinical_note` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`kind` text NOT NULL,
	`decision` text,
	`note` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clinical_note_lead_idx` ON `clinical_note` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `funnel_dirty` (
	`lead_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `funnel_measure` (
	`id` integer PRIMARY KEY NOT NULL,
	`lead_id` integer NOT NULL,
	`measure` integer NOT NULL,
	`bucket` integer NOT NULL,
	`value` integer NOT NULL,
	`created_at` integer NOT NULL,
	`source` text,
	`line_id` integer,
	`coordinator_id` integer
);
--> statement-breakpoint
CREATE INDEX `funnel_measure_idx` ON `funnel_measure` (`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE INDEX `funnel_measure_source_idx` ON `funnel_measure` (`source`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE INDEX `funnel_measure_line_idx` ON `funnel_measure` (`line_id`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE INDEX `funnel_measure_coordinator_idx` ON `funnel_measure` (`coordinator_id`,`measure`,`bucket`,`created_at`,`value`);--> statement-breakpoint
CREATE TABLE `handoff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`screening_id` integer,
	`target` text NOT NULL,
	`clinician_id` integer,
	`urgent` integer DEFAULT false NOT NULL,
	`situation` text NOT NULL,
	`background` text NOT NULL,
	`assessment` text NOT NULL,
	`recommendation` text NOT NULL,
	`from_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by_id` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`screening_id`) REFERENCES `screening`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clinician_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handoff_inbox_idx` ON `handoff` (`target`,`acknowledged_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `handoff_clinician_idx` ON `handoff` (`clinician_id`,`acknowledged_at`);--> statement-breakpoint
CREATE INDEX `handoff_lead_idx` ON `handoff` (`lead_id`);--> statement-breakpoint
CREATE TABLE `lead` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text,
	`phone` text NOT NULL,
	`phone_index` text NOT NULL,
	`phone_last7_index` text NOT NULL,
	`phone_last4_index` text NOT NULL,
	`email` text,
	`relation` text,
	`source` text,
	`line_id` integer,
	`status` text DEFAULT 'new' NOT NULL,
	`closed_reason` text,
	`urgent` integer DEFAULT false NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `line`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_phone_idx` ON `lead` (`phone_index`);--> statement-breakpoint
CREATE INDEX `lead_phone_last7_idx` ON `lead` (`phone_last7_index`);--> statement-breakpoint
CREATE INDEX `lead_phone_last4_idx` ON `lead` (`phone_last4_index`);--> statement-breakpoint
CREATE INDEX `lead_created_idx` ON `lead` (`created_at`);--> statement-breakpoint
CREATE INDEX `lead_status_created_idx` ON `lead` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `lead_updated_idx` ON `lead` (`updated_at`);--> statement-breakpoint
CREATE INDEX `lead_name_idx` ON `lead` ("name" collate nocase);--> statement-breakpoint
CREATE INDEX `lead_status_updated_idx` ON `lead` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `lead_status_name_idx` ON `lead` (`status`,"name" collate nocase);--> statement-breakpoint
CREATE TABLE `lead_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` integer,
	`reason` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lead_event_lead_idx` ON `lead_event` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `line` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`label` text NOT NULL,
	`source` text,
	`webhook_secret_ref` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `line_number_unique` ON `line` (`number`);--> statement-breakpoint
CREATE TABLE `screening` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`form_version` integer NOT NULL,
	`status` text DEFAULT 'in_progress' NOT NULL,
	`answers` text NOT NULL,
	`offered` text NOT NULL,
	`result` text,
	`flags` text,
	`scores` text,
	`notes` text,
	`started_by_id` integer,
	`completed_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `screening_lead_idx` ON `screening` (`lead_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `screening_status_idx` ON `screening` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`due_at` integer NOT NULL,
	`owner_id` integer,
	`call_id` integer,
	`note` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`completed_at` integer,
	`completed_by_id` integer,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`call_id`) REFERENCES `call`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_open_due_idx` ON `task` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `task_owner_idx` ON `task` (`owner_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `task_lead_idx` ON `task` (`lead_id`,`status`);--> statement-breakpoint
CREATE TABLE `treatment_course` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`planned_sessions` integer NOT NULL,
	`attended_sessions` integer DEFAULT 0 NOT NULL,
	`started_by_id` integer,
	`started_at` integer NOT NULL,
	`last_session_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `treatment_course_leadId_unique` ON `treatment_course` (`lead_id`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);
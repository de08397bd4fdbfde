ALTER TABLE `handoff` ADD `escalated_at` integer;--> statement-breakpoint
CREATE INDEX `handoff_urgent_waiting_idx` ON `handoff` (`created_at`) WHERE urgent = 1 and acknowledged_at is null;
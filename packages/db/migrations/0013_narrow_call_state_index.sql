DROP INDEX `call_state_idx`;--> statement-breakpoint
CREATE INDEX `call_live_idx` ON `call` (`started_at`) WHERE state <> 'ended' or needs_completion = 1;
-- Hand-written (drizzle-kit cannot express triggers). Keep this file when regenerating 0000: src/funnel.test.ts fails without it.
-- Every write that can change a lead's funnel figures marks the lead; services/funnel.ts recomputes marked leads before it reads.
CREATE TRIGGER `funnel_dirty_lead_insert` AFTER INSERT ON `lead` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_lead_update` AFTER UPDATE OF `status`, `closed_reason`, `source`, `line_id`, `created_by_id`, `created_at` ON `lead` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_lead_delete` AFTER DELETE ON `lead` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (old.`id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_lead_event_insert` AFTER INSERT ON `lead_event` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`lead_id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_call_insert` AFTER INSERT ON `call` WHEN new.`lead_id` IS NOT NULL BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`lead_id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_call_update` AFTER UPDATE OF `lead_id`, `direction`, `outcome`, `started_at` ON `call` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) SELECT old.`lead_id` WHERE old.`lead_id` IS NOT NULL;
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) SELECT new.`lead_id` WHERE new.`lead_id` IS NOT NULL;
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_call_delete` AFTER DELETE ON `call` WHEN old.`lead_id` IS NOT NULL BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (old.`lead_id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_appointment_insert` AFTER INSERT ON `appointment` WHEN new.`kind` = 'consult' BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`lead_id`);
END;--> statement-breakpoint
CREATE TRIGGER `funnel_dirty_appointment_update` AFTER UPDATE OF `status`, `kind`, `lead_id` ON `appointment` BEGIN
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (old.`lead_id`);
  INSERT OR IGNORE INTO `funnel_dirty` (`lead_id`) VALUES (new.`lead_id`);
END;

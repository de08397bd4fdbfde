-- lead.email and appointment.cancel_reason become encrypted columns (same SQL type). Values written
-- before this migration are encrypted, and email_index filled, by the data step in src/encrypted.ts
-- (encryptClearValues), run once by openDb after the migrations.
ALTER TABLE `lead` ADD `email_index` text;--> statement-breakpoint
CREATE INDEX `lead_email_idx` ON `lead` (`email_index`);
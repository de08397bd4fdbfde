CREATE TABLE `fhir_send` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` integer NOT NULL,
	`actor_id` integer,
	`at` integer NOT NULL,
	`http_status` integer,
	`ok` integer NOT NULL,
	`location` text,
	`outcome` text NOT NULL,
	FOREIGN KEY (`lead_id`) REFERENCES `lead`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fhir_send_lead_idx` ON `fhir_send` (`lead_id`,`at`);
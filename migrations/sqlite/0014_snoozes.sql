CREATE TABLE `snoozes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`assignment_id` integer NOT NULL,
	`from_outbox_id` integer NOT NULL,
	`outbox_id` integer NOT NULL,
	`option` text NOT NULL,
	`until` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `snoozes_contact_assignment` ON `snoozes` (`contact_id`,`assignment_id`);--> statement-breakpoint
CREATE INDEX `snoozes_assignment` ON `snoozes` (`assignment_id`);
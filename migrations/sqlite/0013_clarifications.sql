CREATE TABLE `clarifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`question` text NOT NULL,
	`asked_by` integer NOT NULL,
	`asked_at` text NOT NULL,
	`asked_via` text NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` text,
	`answer_report_id` integer,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answer_report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clarifications_assignment` ON `clarifications` (`assignment_id`,`id`);
CREATE TABLE `due_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer,
	`task_id` integer NOT NULL,
	`old_due` text,
	`new_due` text NOT NULL,
	`changed_at` text NOT NULL,
	`source` text NOT NULL,
	`requested_by` integer,
	`approved_by` integer,
	`reason` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `due_changes_task` ON `due_changes` (`task_id`,`changed_at`);--> statement-breakpoint
CREATE INDEX `due_changes_assignment` ON `due_changes` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`task_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`requested_by` integer,
	`requested_at` text NOT NULL,
	`old_due` text,
	`new_due` text NOT NULL,
	`reason` text NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`decided_due` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `extension_requests_one_open` ON `extension_requests` (`assignment_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `extension_requests_status` ON `extension_requests` (`status`,`requested_at`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `due_override` text;
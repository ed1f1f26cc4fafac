CREATE TABLE `engine_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`chat_id` text NOT NULL,
	`contact_id` integer,
	`agency_id` text,
	`plan_id` text,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`choices` text,
	`attachment` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`send_after` text NOT NULL,
	`claimed_at` text,
	`sent_at` text,
	`platform_message_id` text,
	`last_error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_chat_state` ON `outbox` (`chat_id`,`state`,`send_after`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`send_after`);--> statement-breakpoint
CREATE TABLE `chats` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text DEFAULT 'private' NOT NULL,
	`title` text,
	`unreachable_at` text,
	`unreachable_reason` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contact_chats` (
	`contact_id` integer NOT NULL,
	`chat_id` text NOT NULL,
	PRIMARY KEY(`contact_id`, `chat_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_chats_chat` ON `contact_chats` (`chat_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`lang` text DEFAULT 'vi' NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_agency_role` ON `contacts` (`agency_id`,`role`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`task_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`percent` integer,
	`description` text,
	`count` integer,
	`evidence` text,
	`contact_id` integer,
	`chat_id` text,
	`channel` text,
	`submitted_at` text NOT NULL,
	`superseded_at` text,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_assignment_period` ON `reports` (`assignment_id`,`period`);--> statement-breakpoint
CREATE INDEX `reports_agency_period` ON `reports` (`agency_id`,`period`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`scope` text NOT NULL,
	`lang` text DEFAULT 'vi' NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);

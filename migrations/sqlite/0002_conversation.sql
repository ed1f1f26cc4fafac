CREATE TABLE `chat_menus` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`choices` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `flows` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`contact_id` integer,
	`kind` text NOT NULL,
	`step` text NOT NULL,
	`nonce` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`code` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`role` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`used_by_chat` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invites_agency` ON `invites` (`agency_id`);--> statement-breakpoint
CREATE TABLE `target_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`period` text NOT NULL,
	`value_text` text NOT NULL,
	`value` real,
	`contact_id` integer,
	`chat_id` text,
	`submitted_at` text NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `target_reports_target` ON `target_reports` (`target_id`,`submitted_at`);
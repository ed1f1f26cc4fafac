CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `agency_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `aliases` (
	`key` text PRIMARY KEY NOT NULL,
	`alias` text NOT NULL,
	`agency_id` text,
	`group_id` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "alias_owner" CHECK(("aliases"."agency_id" is null) <> ("aliases"."group_id" is null))
);
--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`role` text NOT NULL,
	`via_group_id` text,
	`archived_at` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`via_group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_task_agency` ON `assignments` (`task_id`,`agency_id`);--> statement-breakpoint
CREATE INDEX `assignments_agency` ON `assignments` (`agency_id`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`agency_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `agency_id`),
	FOREIGN KEY (`group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_members_agency` ON `group_members` (`agency_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`source_name` text NOT NULL,
	`content_hash` text NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`annex` text NOT NULL,
	`numeral` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sections_plan_annex_numeral` ON `sections` (`plan_id`,`annex`,`numeral`);--> statement-breakpoint
CREATE TABLE `target_trackers` (
	`target_id` integer NOT NULL,
	`position` integer NOT NULL,
	`agency_id` text,
	`group_id` text,
	PRIMARY KEY(`target_id`, `position`),
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`ref` text NOT NULL,
	`section_id` integer NOT NULL,
	`number` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`unit` text NOT NULL,
	`target_2026_text` text NOT NULL,
	`target_2026_op` text,
	`target_2026_value` real,
	`target_2030_text` text NOT NULL,
	`target_2030_op` text,
	`target_2030_value` real,
	`archived_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `targets_plan_ref` ON `targets` (`plan_id`,`ref`);--> statement-breakpoint
CREATE TABLE `task_leads` (
	`task_id` integer NOT NULL,
	`position` integer NOT NULL,
	`agency_id` text,
	`group_id` text,
	PRIMARY KEY(`task_id`, `position`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `task_partners` (
	`task_id` integer NOT NULL,
	`position` integer NOT NULL,
	`agency_id` text,
	`group_id` text,
	PRIMARY KEY(`task_id`, `position`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `agency_groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`ref` text NOT NULL,
	`section_id` integer NOT NULL,
	`number` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`output` text NOT NULL,
	`deadline_kind` text NOT NULL,
	`deadline_text` text NOT NULL,
	`due_date` text,
	`indicative` integer DEFAULT false NOT NULL,
	`condition` text,
	`quota` text,
	`milestones` text,
	`due_override` text,
	`archived_at` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_plan_ref` ON `tasks` (`plan_id`,`ref`);--> statement-breakpoint
CREATE INDEX `tasks_due` ON `tasks` (`due_date`);
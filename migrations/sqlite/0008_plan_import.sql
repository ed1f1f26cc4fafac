ALTER TABLE `agencies` ADD `needs_review` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `targets` ADD `other_years` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `start_date` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `every` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `notes` text;
ALTER TABLE `contacts` ADD `consent_version` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `consent_at` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `erased_at` text;
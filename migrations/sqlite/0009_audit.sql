CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_contact_id` integer,
	`actor_label` text,
	`action` text NOT NULL,
	`target_kind` text,
	`target_id` text,
	`before` text,
	`after` text,
	`channel` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit` (`at`);--> statement-breakpoint
CREATE INDEX `audit_action_at` ON `audit` (`action`,`at`);
CREATE TABLE `leaves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_id` integer NOT NULL,
	`agency_id` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`deputy_contact_id` integer,
	`set_by_contact_id` integer,
	`created_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`set_by_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leaves_contact` ON `leaves` (`contact_id`,`to_day`);--> statement-breakpoint
CREATE INDEX `leaves_agency` ON `leaves` (`agency_id`,`to_day`);--> statement-breakpoint
CREATE TABLE `report_on_behalf` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`on_behalf_of_contact_id` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);

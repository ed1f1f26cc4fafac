CREATE TABLE `invite_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invite_attempts_chat` ON `invite_attempts` (`chat_id`,`at`);
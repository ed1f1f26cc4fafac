DROP INDEX `reports_latest`;--> statement-breakpoint
CREATE INDEX `reports_current` ON `reports` (`assignment_id`,`id`) WHERE superseded_at is null;
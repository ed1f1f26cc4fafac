DROP INDEX "reports_latest";--> statement-breakpoint
CREATE INDEX "reports_current" ON "reports" USING btree ("assignment_id","id") WHERE superseded_at is null;
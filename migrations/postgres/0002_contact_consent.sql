ALTER TABLE "contacts" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_at" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "erased_at" text;
ALTER TABLE "tenants" ADD COLUMN "session_idle_minutes" integer DEFAULT 720 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "session_max_hours" integer DEFAULT 168 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_session_idle_range" CHECK ("tenants"."session_idle_minutes" between 5 and 10080);--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_session_max_range" CHECK ("tenants"."session_max_hours" between 1 and 2160);
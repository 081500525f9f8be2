CREATE TABLE "platform_usage_daily" (
	"day" date NOT NULL,
	"metric" "usage_metric" NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "platform_usage_daily_day_metric_pk" PRIMARY KEY("day","metric")
);
--> statement-breakpoint
CREATE TABLE "tenant_usage_summary" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"active_users_7d" integer DEFAULT 0 NOT NULL,
	"active_users_30d" integer DEFAULT 0 NOT NULL,
	"storage_bytes" bigint DEFAULT 0 NOT NULL,
	"api_calls_30d" bigint DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_usage_summary" ADD CONSTRAINT "tenant_usage_summary_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_usage_members_idx" ON "tenant_usage_summary" USING btree ("members");--> statement-breakpoint
CREATE INDEX "tenant_usage_api_idx" ON "tenant_usage_summary" USING btree ("api_calls_30d");--> statement-breakpoint
CREATE INDEX "tenant_usage_storage_idx" ON "tenant_usage_summary" USING btree ("storage_bytes");
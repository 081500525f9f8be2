CREATE TABLE "report_buckets" (
	"tenant_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"bucket" text NOT NULL,
	"region" text NOT NULL,
	"prefix" text DEFAULT '' NOT NULL,
	"access_key_id" text NOT NULL,
	"secret_enc" text NOT NULL,
	"checked_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_buckets_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "report_schedules" ADD COLUMN "bucket" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_buckets" ADD CONSTRAINT "report_buckets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A workspace's own bucket for scheduled report files (issue 23): one row per workspace, its
-- secret sealed by the server; the app role reads and writes it under the tenant's policy.
GRANT SELECT, INSERT, UPDATE, DELETE ON report_buckets TO atrium_app;
--> statement-breakpoint
ALTER TABLE report_buckets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_buckets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_buckets FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

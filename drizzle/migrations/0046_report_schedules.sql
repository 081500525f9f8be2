CREATE TABLE "report_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"schedule_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"format" text NOT NULL,
	"rows" integer,
	"size_bytes" integer,
	"duration_ms" integer,
	"error" text,
	"delivered" text[] DEFAULT '{}' NOT NULL,
	"storage_key" text,
	"file_name" text,
	"link_token_hash" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "report_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "report_schedules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"created_by" uuid,
	"cadence" jsonb NOT NULL,
	"time_zone" text,
	"format" text NOT NULL,
	"skip_empty" boolean DEFAULT false NOT NULL,
	"recipients" text[] DEFAULT '{}' NOT NULL,
	"link_only" boolean DEFAULT false NOT NULL,
	"webhook" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"next_run_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_schedules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_tenant_id_report_id_reports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_schedules" ADD CONSTRAINT "report_schedules_tenant_id_report_id_reports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_runs_schedule_due_idx" ON "report_runs" USING btree ("tenant_id","schedule_id","due_at");--> statement-breakpoint
CREATE INDEX "report_runs_tenant_report_idx" ON "report_runs" USING btree ("tenant_id","report_id","started_at");--> statement-breakpoint
CREATE INDEX "report_runs_open_idx" ON "report_runs" USING btree ("tenant_id","started_at") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "report_schedules_tenant_report_idx" ON "report_schedules" USING btree ("tenant_id","report_id");--> statement-breakpoint
CREATE INDEX "report_schedules_due_idx" ON "report_schedules" USING btree ("tenant_id","next_run_at") WHERE enabled;--> statement-breakpoint
-- Hand-written: grants, row-level security, and the foreign keys that keep history when its
-- author or schedule goes (pattern of 0045).
GRANT SELECT, INSERT, UPDATE, DELETE ON report_schedules, report_runs TO atrium_app;
--> statement-breakpoint
ALTER TABLE report_schedules ADD CONSTRAINT report_schedules_format_check CHECK (format IN ('csv', 'xlsx', 'json', 'pdf'));
--> statement-breakpoint
ALTER TABLE report_runs ADD CONSTRAINT report_runs_status_check CHECK (status IN ('queued', 'running', 'delivered', 'skipped', 'failed'));
--> statement-breakpoint
ALTER TABLE report_schedules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_schedules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_schedules FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE report_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_runs FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE report_schedules ADD CONSTRAINT report_schedules_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
ALTER TABLE report_runs ADD CONSTRAINT report_runs_schedule_fk FOREIGN KEY (tenant_id, schedule_id) REFERENCES report_schedules (tenant_id, id) ON DELETE SET NULL (schedule_id);
--> statement-breakpoint
UPDATE plans SET limits = limits || '{"reportScheduleMinutes": 60}'::jsonb WHERE key = 'enterprise' AND NOT (limits ? 'reportScheduleMinutes');

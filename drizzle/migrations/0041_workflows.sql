CREATE TABLE "workflow_round_robin" (
	"tenant_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"last_user_id" uuid,
	CONSTRAINT "workflow_round_robin_tenant_id_workflow_id_team_id_pk" PRIMARY KEY("tenant_id","workflow_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "workflow_run_steps" (
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb,
	"output" jsonb,
	"error" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "workflow_run_steps_tenant_id_run_id_step_id_pk" PRIMARY KEY("tenant_id","run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"trigger_kind" text NOT NULL,
	"trigger_key" text NOT NULL,
	"record_type" text,
	"record_id" uuid,
	"depth" integer DEFAULT 0 NOT NULL,
	"current_step" text,
	"attempt" integer DEFAULT 0 NOT NULL,
	"vars" jsonb NOT NULL,
	"error" text,
	"resume_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "workflow_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"tenant_id" uuid NOT NULL,
	"workflow_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_versions_tenant_id_workflow_id_version_pk" PRIMARY KEY("tenant_id","workflow_id","version")
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"enabled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"trigger_kind" text NOT NULL,
	"trigger_event" text,
	"next_fire_at" timestamp with time zone,
	"acting_user_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflows_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "domain_events" ADD COLUMN "automated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workflow_round_robin" ADD CONSTRAINT "workflow_round_robin_tenant_id_workflow_id_workflows_tenant_id_id_fk" FOREIGN KEY ("tenant_id","workflow_id") REFERENCES "public"."workflows"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_run_steps" ADD CONSTRAINT "workflow_run_steps_tenant_id_run_id_workflow_runs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","run_id") REFERENCES "public"."workflow_runs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_tenant_id_workflow_id_workflows_tenant_id_id_fk" FOREIGN KEY ("tenant_id","workflow_id") REFERENCES "public"."workflows"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_tenant_id_workflow_id_workflows_tenant_id_id_fk" FOREIGN KEY ("tenant_id","workflow_id") REFERENCES "public"."workflows"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_runs_trigger_uq" ON "workflow_runs" USING btree ("tenant_id","workflow_id","trigger_key");--> statement-breakpoint
CREATE INDEX "workflow_runs_due_idx" ON "workflow_runs" USING btree ("tenant_id","resume_at") WHERE status in ('queued', 'running', 'waiting');--> statement-breakpoint
CREATE INDEX "workflow_runs_started_idx" ON "workflow_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_workflow_idx" ON "workflow_runs" USING btree ("tenant_id","workflow_id","started_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_record_idx" ON "workflow_runs" USING btree ("tenant_id","record_id","started_at");--> statement-breakpoint
CREATE INDEX "workflows_event_idx" ON "workflows" USING btree ("tenant_id","trigger_event") WHERE enabled;--> statement-breakpoint
CREATE INDEX "workflows_schedule_due_idx" ON "workflows" USING btree ("next_fire_at") WHERE enabled and next_fire_at is not null;--> statement-breakpoint
CREATE INDEX "domain_events_unautomated_idx" ON "domain_events" USING btree ("tenant_id","occurred_at") WHERE automated_at is null;--> statement-breakpoint
-- Hand-written: grants and row-level security (pattern of 0036); events written before workflows
-- existed count as looked at (no workflow can start on them); the `automation` module in the
-- plans that include it by default, and the workflows permissions in the system roles that hold
-- them (shared/permissions.ts), for databases seeded before they existed.
GRANT SELECT, INSERT, UPDATE, DELETE ON workflows, workflow_versions, workflow_runs, workflow_run_steps, workflow_round_robin TO atrium_app;
--> statement-breakpoint
ALTER TABLE domain_events NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE domain_events SET automated_at = coalesce(dispatched_at, occurred_at);--> statement-breakpoint
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE roles NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE roles SET permissions = permissions || ARRAY['workflows:read', 'workflows:write', 'workflows:delete', 'workflows:export', 'workflows:admin']
  WHERE is_system AND key = 'admin' AND NOT ('workflows:read' = ANY (permissions));--> statement-breakpoint
UPDATE roles SET permissions = permissions || ARRAY['workflows:read', 'workflows:write']
  WHERE is_system AND key = 'manager' AND NOT ('workflows:read' = ANY (permissions));--> statement-breakpoint
ALTER TABLE roles FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE plans SET features = array_append(features, 'automation') WHERE key IN ('pro', 'enterprise') AND NOT ('automation' = ANY (features));
--> statement-breakpoint
ALTER TABLE workflows ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflows FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflows FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE workflow_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflow_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflow_versions FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE workflow_runs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflow_runs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflow_runs FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE workflow_run_steps ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflow_run_steps FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflow_run_steps FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE workflow_round_robin ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workflow_round_robin FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON workflow_round_robin FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

CREATE TABLE "report_shares" (
	"tenant_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "report_shares_tenant_id_report_id_role_id_pk" PRIMARY KEY("tenant_id","report_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_id" uuid,
	"template" text,
	"definition" jsonb NOT NULL,
	"visibility" text DEFAULT 'private' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "report_shares" ADD CONSTRAINT "report_shares_tenant_id_report_id_reports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_shares" ADD CONSTRAINT "report_shares_tenant_id_role_id_roles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","role_id") REFERENCES "public"."roles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_shares_tenant_role_idx" ON "report_shares" USING btree ("tenant_id","role_id");--> statement-breakpoint
CREATE INDEX "reports_tenant_owner_idx" ON "reports" USING btree ("tenant_id","owner_id");--> statement-breakpoint
-- Hand-written: grants, row-level security and the author's foreign key (pattern of 0027); the
-- `reports` module in the plans that include it by default, and the reports permissions in the
-- system roles that hold them (shared/permissions.ts), for databases seeded before they existed.
GRANT SELECT, INSERT, UPDATE, DELETE ON reports, report_shares TO atrium_app;
--> statement-breakpoint
ALTER TABLE reports ADD CONSTRAINT reports_visibility_check CHECK (visibility IN ('private', 'roles', 'workspace'));
--> statement-breakpoint
ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON reports FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE report_shares ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE report_shares FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_shares FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE reports ADD CONSTRAINT reports_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE roles NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE roles SET permissions = permissions || ARRAY['reports:read', 'reports:write', 'reports:delete', 'reports:export', 'reports:admin']
  WHERE is_system AND key = 'admin' AND NOT ('reports:read' = ANY (permissions));--> statement-breakpoint
UPDATE roles SET permissions = permissions || ARRAY['reports:read', 'reports:write', 'reports:export']
  WHERE is_system AND key = 'manager' AND NOT ('reports:read' = ANY (permissions));--> statement-breakpoint
UPDATE roles SET permissions = permissions || ARRAY['reports:read']
  WHERE is_system AND key IN ('member', 'viewer') AND NOT ('reports:read' = ANY (permissions));--> statement-breakpoint
ALTER TABLE roles FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE plans SET features = array_append(features, 'reports') WHERE key IN ('pro', 'enterprise') AND NOT ('reports' = ANY (features));

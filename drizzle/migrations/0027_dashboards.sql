CREATE TABLE "dashboard_shares" (
	"tenant_id" uuid NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "dashboard_shares_tenant_id_dashboard_id_role_id_pk" PRIMARY KEY("tenant_id","dashboard_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "dashboards" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_id" uuid,
	"widgets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboards_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "dashboard_shares" ADD CONSTRAINT "dashboard_shares_tenant_id_dashboard_id_dashboards_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dashboard_id") REFERENCES "public"."dashboards"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_shares" ADD CONSTRAINT "dashboard_shares_tenant_id_role_id_roles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","role_id") REFERENCES "public"."roles"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboards" ADD CONSTRAINT "dashboards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_shares_tenant_role_idx" ON "dashboard_shares" USING btree ("tenant_id","role_id");--> statement-breakpoint
CREATE INDEX "dashboards_tenant_owner_idx" ON "dashboards" USING btree ("tenant_id","owner_id");--> statement-breakpoint
-- Hand-written: grants, row-level security and the author's foreign key (pattern of 0025). The
--> statement-breakpoint
-- author's key keeps tenant_id when a member is removed (SET NULL of owner_id only).
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON dashboards, dashboard_shares TO atrium_app;
--> statement-breakpoint
ALTER TABLE dashboards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE dashboards FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON dashboards FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE dashboard_shares ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE dashboard_shares FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON dashboard_shares FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE dashboards ADD CONSTRAINT dashboards_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);

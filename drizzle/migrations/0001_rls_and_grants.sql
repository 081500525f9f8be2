-- Hand-written: drizzle-kit cannot emit FORCE ROW LEVEL SECURITY, roles or grants (DESIGN.md §2).
-- The app connects as atrium_app: not a superuser, no BYPASSRLS, owner of nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atrium_app') THEN
    CREATE ROLE atrium_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO atrium_app;
--> statement-breakpoint
-- Platform tables: plain DML; only platform code paths reach them (they carry no tenant rows).
GRANT SELECT, INSERT, UPDATE, DELETE ON plans, tenants, tenant_domains, feature_kill_switches TO atrium_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON platform_audit_log TO atrium_app;
--> statement-breakpoint
-- Tenant tables: DML, and RLS below decides which rows. Audit logs are append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_feature_overrides, usage_daily TO atrium_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO atrium_app;
--> statement-breakpoint
ALTER TABLE tenant_feature_overrides ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_feature_overrides FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenant_feature_overrides FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE usage_daily FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON usage_daily FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

-- Hand-written: the roll-up tables are platform tables (no tenant_id row security: only the
-- platform's own code reads them, and they hold counts, not tenant data).
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_usage_summary, platform_usage_daily TO atrium_app;

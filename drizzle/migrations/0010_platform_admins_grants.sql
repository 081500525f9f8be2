-- Hand-written: the app role's rights on the super admin tables (platform tables: no RLS, as
-- nothing on a tenant host reads them). No DELETE: admins are deactivated and sessions revoked,
-- so their rows stay for the audit trail.
GRANT SELECT, INSERT, UPDATE ON platform_admins, platform_sessions TO atrium_app;

-- Hand-written: the app role's rights on the impersonation grants (a platform table: no RLS, as
-- only the platform host and the hand-off route read it). No DELETE: grants stay for the audit trail.
GRANT SELECT, INSERT, UPDATE ON impersonations TO atrium_app;

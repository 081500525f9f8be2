-- live_session_count(): how many sessions are neither expired nor revoked, across every tenant,
-- for the `atrium_sessions_live` gauge of /metrics. atrium_app cannot read sessions across tenants,
-- and RLS is forced on the owner too, so the function counts tenant by tenant under each one's
-- setting (one index range each) and answers the number and nothing else. The caller's own
-- app.tenant_id is restored before it returns.
CREATE OR REPLACE FUNCTION live_session_count()
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  caller text := current_setting('app.tenant_id', true);
  t uuid;
  n bigint;
  total bigint := 0;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    SELECT count(*) INTO n FROM sessions WHERE tenant_id = t AND revoked_at IS NULL AND expires_at > now();
    total := total + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(caller, ''), true);
  RETURN total;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION live_session_count() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION live_session_count() TO atrium_app;

-- Hand-written: the privileged path for a tenant's hard delete (docs/platform-admin.md).
-- atrium_app may not delete audit entries (append-only) nor bypass RLS, so the `tenant-purge` job
-- calls this function, which runs as its owner (the role that ran the migrations).
--
-- purge_tenant(tenant, audit_id) deletes the tenant only when its purge is due (a super admin's
-- soft delete past purge_at, or the tenant admin's own request past deletion_due_at), claiming the
-- tenants row with FOR UPDATE SKIP LOCKED so two instances never purge one tenant twice. It
-- deletes the tenants row (every tenant table cascades from it, directly or through users), then
-- any row left in a table with a tenant_id column that has no foreign key to it (impersonations),
-- and records the purge, with the row counts, in platform_audit_log, which keeps its rows: its
-- tenant_id has no foreign key. Returns the counts, or NULL when there was nothing to do.
CREATE OR REPLACE FUNCTION purge_tenant(p_tenant_id uuid, p_audit_id uuid)
RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  victim record;
  tbl text;
  n bigint;
  counts jsonb := '{}'::jsonb;
BEGIN
  SELECT id, slug, name, deleted_at, purge_at, deletion_due_at INTO victim
    FROM tenants
    WHERE id = p_tenant_id
      AND ((deleted_at IS NOT NULL AND purge_at <= now()) OR deletion_due_at <= now())
    FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  -- RLS is forced on tenant tables, for their owner too: act as this tenant.
  PERFORM set_config('app.tenant_id', p_tenant_id::text, true);

  FOR tbl IN
    SELECT c.table_name::text FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name <> 'platform_audit_log'
      ORDER BY c.table_name
  LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE tenant_id = $1', tbl) INTO n USING p_tenant_id;
    IF n > 0 THEN
      counts := counts || jsonb_build_object(tbl, n);
    END IF;
  END LOOP;

  DELETE FROM tenants WHERE id = p_tenant_id;

  -- Whatever did not cascade (tables whose tenant_id has no foreign key).
  FOR tbl IN
    SELECT c.table_name::text FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name <> 'platform_audit_log'
      ORDER BY c.table_name
  LOOP
    EXECUTE format('DELETE FROM %I WHERE tenant_id = $1', tbl) USING p_tenant_id;
  END LOOP;

  INSERT INTO platform_audit_log (id, tenant_id, actor_type, action, entity_type, entity_id, before, after)
  VALUES (
    p_audit_id, p_tenant_id, 'system', 'tenant.purged', 'tenant', p_tenant_id::text,
    jsonb_build_object('slug', victim.slug, 'name', victim.name, 'deletedAt', victim.deleted_at,
      'purgeAt', victim.purge_at, 'deletionDueAt', victim.deletion_due_at),
    jsonb_build_object('rows', counts)
  );
  RETURN counts;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION purge_tenant(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION purge_tenant(uuid, uuid) TO atrium_app;

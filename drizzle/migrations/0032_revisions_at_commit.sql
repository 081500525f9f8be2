-- Hand-written: record and timeline writes move their source's revision at commit, not at the
-- statement (0028). The revision row of a tenant and source is one row every writer of that source
-- updates: bumped by the statement, it stayed locked to the end of the writing transaction, so one
-- workspace's creates ran one at a time (npm run bench:writes: backends waiting on
-- transactionid locks of analytics_revisions). As deferred constraint triggers the bump runs at
-- COMMIT, after every statement of the transaction, and the row is held only while the commit
-- is written. Once per transaction, tenant and source (a transaction-local setting remembers it):
-- a 50,000-row import still bumps once. The revision moves in the writing transaction as before,
-- so a reader never sees new rows under an old revision.
CREATE OR REPLACE FUNCTION bump_analytics_revision_at_commit() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
  src text := TG_ARGV[0];
  tenant uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  seen text := 'atrium_rev.' || src || '_' || replace(tenant::text, '-', '');
  scoped text := current_setting('app.tenant_id', true);
  stamp bigint := (extract(epoch from clock_timestamp()) * 1000000)::bigint;
BEGIN
  IF current_setting(seen, true) = '1' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config(seen, '1', true);
  -- The row's own tenant for RLS (a transaction that wrote for several tenants, such as the
  -- seed, has only the last one set by now), then the setting as it was.
  PERFORM set_config('app.tenant_id', tenant::text, true);
  IF TG_OP = 'DELETE' THEN
    -- Deletes only update: during a tenant's purge there is no tenant left to insert for.
    UPDATE analytics_revisions r SET revision = greatest(r.revision + 1, stamp)
      WHERE r.source = src AND r.tenant_id = tenant;
  ELSE
    INSERT INTO analytics_revisions AS r (tenant_id, source, revision) VALUES (tenant, src, stamp)
      ON CONFLICT (tenant_id, source) DO UPDATE SET revision = greatest(r.revision + 1, stamp);
  END IF;
  PERFORM set_config('app.tenant_id', coalesce(scoped, ''), true);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON accounts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON accounts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('accounts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON accounts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON accounts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('accounts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON accounts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON accounts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('accounts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON contacts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON contacts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('contacts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON contacts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON contacts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('contacts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON contacts;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON contacts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('contacts');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON leads;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON leads DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('leads');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON leads;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON leads DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('leads');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON leads;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON leads DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('leads');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON deals;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON deals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('deals');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON deals;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON deals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('deals');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON deals;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON deals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('deals');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON tasks;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON tasks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tasks');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON tasks;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON tasks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tasks');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON tasks;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON tasks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tasks');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON tickets;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON tickets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tickets');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON tickets;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON tickets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tickets');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON tickets;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON tickets DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('tickets');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_ins ON activities;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_ins AFTER INSERT ON activities DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('activities');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_upd ON activities;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_upd AFTER UPDATE ON activities DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('activities');
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_revision_del ON activities;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_revision_del AFTER DELETE ON activities DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_analytics_revision_at_commit('activities');

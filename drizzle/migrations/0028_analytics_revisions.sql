CREATE TABLE "analytics_revisions" (
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_revisions_tenant_id_source_pk" PRIMARY KEY("tenant_id","source")
);
--> statement-breakpoint
ALTER TABLE "analytics_revisions" ADD CONSTRAINT "analytics_revisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Hand-written: grants and row-level security (pattern of 0025), then the triggers that move a
-- tenant's revision of a source on every write to it, in the writing transaction.
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON analytics_revisions TO atrium_app;
--> statement-breakpoint
ALTER TABLE analytics_revisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE analytics_revisions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON analytics_revisions FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
-- Statement-level, with transition tables: one upsert per tenant touched, however many rows a
-- bulk write changed. The new value is the clock in microseconds (or one more than the old one),
-- so a revision never repeats, even after a database is restored or recreated. Deletes only
-- update: a row being deleted was inserted once (that created the revision row), and during a
-- tenant's purge there is no tenant left to insert for.
CREATE OR REPLACE FUNCTION bump_analytics_revision() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
  src text := TG_ARGV[0];
  stamp bigint := (extract(epoch from clock_timestamp()) * 1000000)::bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE analytics_revisions r SET revision = greatest(r.revision + 1, stamp)
      WHERE r.source = src AND r.tenant_id IN (SELECT DISTINCT tenant_id FROM old_rows);
  ELSE
    INSERT INTO analytics_revisions AS r (tenant_id, source, revision)
      SELECT DISTINCT tenant_id, src, stamp FROM new_rows
      ON CONFLICT (tenant_id, source) DO UPDATE SET revision = greatest(r.revision + 1, stamp);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A member's new name changes owner labels: row-level, only when the name changed (last-seen
-- updates do not move anything).
CREATE OR REPLACE FUNCTION bump_analytics_member_revision() RETURNS trigger
LANGUAGE plpgsql
SET search_path = public, pg_temp
AS $$
DECLARE
  stamp bigint := (extract(epoch from clock_timestamp()) * 1000000)::bigint;
BEGIN
  INSERT INTO analytics_revisions AS r (tenant_id, source, revision) VALUES (NEW.tenant_id, 'members', stamp)
    ON CONFLICT (tenant_id, source) DO UPDATE SET revision = greatest(r.revision + 1, stamp);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON accounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('accounts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON accounts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('accounts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON accounts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('accounts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('contacts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON contacts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('contacts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('contacts');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('leads');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('leads');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('leads');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON deals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tasks');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tasks');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tasks');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tickets');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tickets');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('tickets');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('activities');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('activities');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('activities');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON pipelines REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON pipelines REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON pipelines REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON pipeline_stages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_upd AFTER UPDATE ON pipeline_stages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON pipeline_stages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('deals');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_ins AFTER INSERT ON team_members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('members');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_del AFTER DELETE ON team_members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_analytics_revision('members');
--> statement-breakpoint
CREATE TRIGGER analytics_revision_name AFTER UPDATE OF name ON users FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION bump_analytics_member_revision();
--> statement-breakpoint
-- Sources that already hold rows get their first revision now (deletes only update).
DO $$
DECLARE
  src text;
BEGIN
  FOREACH src IN ARRAY ARRAY['accounts', 'contacts', 'leads', 'deals', 'tasks', 'tickets', 'activities', 'members'] LOOP
    EXECUTE format('INSERT INTO analytics_revisions (tenant_id, source, revision)
      SELECT DISTINCT tenant_id, %L, (extract(epoch from clock_timestamp()) * 1000000)::bigint FROM %I
      ON CONFLICT DO NOTHING', src, CASE WHEN src = 'members' THEN 'users' ELSE src END);
  END LOOP;
END;
$$;

-- Hand-written: grants, row-level security and the user foreign keys for the records of 0024
--> statement-breakpoint
-- (pattern of 0001). Owner, creator and actor columns lose their value when a member is removed
--> statement-breakpoint
-- (SET NULL of that column only, so tenant_id stays); saved views go with their owner.
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON accounts, contacts, leads, pipelines, pipeline_stages, deals, tasks, tickets, activities, custom_fields, saved_views, search_index TO atrium_app;
--> statement-breakpoint
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON accounts FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contacts FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON leads FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE pipelines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pipelines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON pipelines FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE pipeline_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pipeline_stages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON pipeline_stages FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE deals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON deals FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tasks FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tickets FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE activities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE activities FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON activities FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE custom_fields ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE custom_fields FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON custom_fields FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON saved_views FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE search_index ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE search_index FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON search_index FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE accounts ADD CONSTRAINT accounts_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE accounts ADD CONSTRAINT accounts_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX accounts_tenant_created_by_idx ON accounts (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE contacts ADD CONSTRAINT contacts_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE contacts ADD CONSTRAINT contacts_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX contacts_tenant_created_by_idx ON contacts (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE leads ADD CONSTRAINT leads_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE leads ADD CONSTRAINT leads_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX leads_tenant_created_by_idx ON leads (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE deals ADD CONSTRAINT deals_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE deals ADD CONSTRAINT deals_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX deals_tenant_created_by_idx ON deals (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE tasks ADD CONSTRAINT tasks_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE tasks ADD CONSTRAINT tasks_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX tasks_tenant_created_by_idx ON tasks (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_owner_id_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (owner_id);
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_created_by_fk FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by);
--> statement-breakpoint
CREATE INDEX tickets_tenant_created_by_idx ON tickets (tenant_id, created_by);
--> statement-breakpoint
ALTER TABLE activities ADD CONSTRAINT activities_actor_id_fk FOREIGN KEY (tenant_id, actor_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (actor_id);
--> statement-breakpoint
CREATE INDEX activities_tenant_actor_idx ON activities (tenant_id, actor_id);
--> statement-breakpoint
ALTER TABLE saved_views ADD CONSTRAINT saved_views_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
-- Existing workspaces' system roles take the record permissions of shared/permissions.ts
-- (new workspaces and the demo seed get them from the catalogue itself). FORCE RLS applies to
-- the owner too, so each tenant is visited with its app.tenant_id set.
DO $$
DECLARE t uuid;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
      UPDATE roles SET permissions = ARRAY['dashboard:read', 'dashboard:write', 'dashboard:delete', 'dashboard:export', 'dashboard:admin', 'accounts:read', 'accounts:write', 'accounts:delete', 'accounts:export', 'accounts:admin', 'contacts:read', 'contacts:write', 'contacts:delete', 'contacts:export', 'contacts:admin', 'leads:read', 'leads:write', 'leads:delete', 'leads:export', 'leads:admin', 'deals:read', 'deals:write', 'deals:delete', 'deals:export', 'deals:admin', 'tasks:read', 'tasks:write', 'tasks:delete', 'tasks:export', 'tasks:admin', 'tickets:read', 'tickets:write', 'tickets:delete', 'tickets:export', 'tickets:admin', 'analytics:read', 'analytics:write', 'analytics:delete', 'analytics:export', 'analytics:admin', 'members:read', 'members:write', 'members:delete', 'members:export', 'members:admin', 'roles:read', 'roles:write', 'roles:delete', 'roles:export', 'roles:admin', 'teams:read', 'teams:write', 'teams:delete', 'teams:export', 'teams:admin', 'audit:read', 'audit:write', 'audit:delete', 'audit:export', 'audit:admin', 'settings:read', 'settings:write', 'settings:delete', 'settings:export', 'settings:admin']::text[], description = 'Everything, including members, roles and settings.'
        WHERE tenant_id = t AND is_system AND key = 'admin';
      UPDATE roles SET permissions = ARRAY['dashboard:read', 'dashboard:write', 'dashboard:delete', 'dashboard:export', 'dashboard:admin', 'analytics:read', 'analytics:write', 'analytics:delete', 'analytics:export', 'analytics:admin', 'accounts:read', 'accounts:write', 'accounts:delete', 'accounts:export', 'accounts:admin', 'contacts:read', 'contacts:write', 'contacts:delete', 'contacts:export', 'contacts:admin', 'leads:read', 'leads:write', 'leads:delete', 'leads:export', 'leads:admin', 'deals:read', 'deals:write', 'deals:delete', 'deals:export', 'deals:admin', 'tasks:read', 'tasks:write', 'tasks:delete', 'tasks:export', 'tasks:admin', 'tickets:read', 'tickets:write', 'tickets:delete', 'tickets:export', 'tickets:admin', 'members:read', 'roles:read', 'teams:read', 'audit:read', 'teams:write', 'audit:export']::text[], description = 'Runs the work: data, exports and the team, not the workspace settings.'
        WHERE tenant_id = t AND is_system AND key = 'manager';
      UPDATE roles SET permissions = ARRAY['dashboard:read', 'analytics:read', 'members:read', 'teams:read', 'accounts:read', 'accounts:write', 'accounts:delete', 'contacts:read', 'contacts:write', 'contacts:delete', 'leads:read', 'leads:write', 'leads:delete', 'deals:read', 'deals:write', 'deals:delete', 'tasks:read', 'tasks:write', 'tasks:delete', 'tickets:read', 'tickets:write', 'tickets:delete']::text[], description = 'Does the daily work.'
        WHERE tenant_id = t AND is_system AND key = 'member';
      UPDATE roles SET permissions = ARRAY['dashboard:read', 'members:read', 'teams:read', 'accounts:read', 'contacts:read', 'tickets:read', 'tickets:write', 'tickets:delete', 'tasks:read', 'tasks:write', 'tasks:delete']::text[], description = 'Helps customers: works tickets and tasks, reads accounts and contacts, not the sales pipeline.'
        WHERE tenant_id = t AND is_system AND key = 'support';
      UPDATE roles SET permissions = ARRAY['dashboard:read', 'accounts:read', 'contacts:read', 'leads:read', 'deals:read', 'tasks:read', 'tickets:read']::text[], description = 'Reads dashboards and records, changes nothing.'
        WHERE tenant_id = t AND is_system AND key = 'viewer';
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;

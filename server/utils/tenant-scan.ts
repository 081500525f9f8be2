import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import type { Tx } from '#server/database/connect'

/**
 * One read of tenant tables for many tenants at once, for platform screens that show figures of
 * every tenant (feature override counts, seats used on a plan).
 *
 * Row-level security stays exactly as for a request: the read runs once per tenant with
 * `app.tenant_id` set to that tenant, as the app role. What makes it cheap is where the loop runs:
 * a PL/pgSQL `DO` block inside the one transaction, so 10,000 tenants cost three round trips,
 * not 20,000. The results land in a temporary table dropped at commit.
 *
 * `tenantIds` is a query yielding one `id uuid` column (bound parameters allowed); `perTenant` is a
 * fixed SQL expression (no user input: it is spliced into the block) that yields one jsonb value,
 * where `tid` is the tenant's id. Answers `tenantId → value`; tenants whose value is null are left out.
 */
export async function scanTenants<T>(tx: Tx, tenantIds: SQL, perTenant: string): Promise<Map<string, T>> {
  await tx.execute(sql`create temporary table if not exists tenant_scan_ids (id uuid primary key) on commit drop`)
  await tx.execute(sql`create temporary table if not exists tenant_scan_out (tenant_id uuid primary key, value jsonb) on commit drop`)
  await tx.execute(sql`insert into tenant_scan_ids (id) ${tenantIds} on conflict do nothing`)
  await tx.execute(sql.raw(`do $scan$
declare tid uuid; v jsonb;
begin
  for tid in select id from tenant_scan_ids loop
    perform set_config('app.tenant_id', tid::text, true);
    v := (${perTenant});
    if v is not null then
      insert into tenant_scan_out (tenant_id, value) values (tid, v);
    end if;
  end loop;
  perform set_config('app.tenant_id', '', true);
end
$scan$`))
  const result = await tx.execute(sql`select tenant_id, value from tenant_scan_out`)
  const out = new Map<string, T>()
  for (const row of rowsOf<{ tenant_id: string, value: T | string }>(result)) {
    out.set(row.tenant_id, (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as T)
  }
  // Emptied for a second scan in the same transaction.
  await tx.execute(sql`truncate tenant_scan_ids, tenant_scan_out`)
  return out
}

/**
 * The active tenants for which `condition` holds: how the scheduled sweeps find the tenants with
 * work waiting, in one scan. `condition` is a fixed SQL boolean over `tid` (no user input).
 */
export async function activeTenantsWhere(condition: string): Promise<string[]> {
  const db = await useDb()
  const found = await db.transaction(tx => scanTenants<boolean>(tx as never, sql`select id from tenants where deleted_at is null and status = 'active'`,
    `(select case when ${condition} then 'true'::jsonb end)`))
  return [...found.keys()]
}

/** Per tenant: seats taken (active members and open invitations) and the latest counted storage. */
export const USAGE_PER_TENANT = `jsonb_build_object(
  'seats', (select count(*) from users where tenant_id = tid and status in ('active', 'invited')),
  'storageBytes', coalesce((select value from usage_daily where tenant_id = tid and metric = 'storage_bytes' order by day desc limit 1), 0))`

/** Per tenant: its feature overrides as `{ key: forced on? }`, or null when it has none. */
export const OVERRIDES_PER_TENANT = `(select jsonb_object_agg(feature_key, enabled) from tenant_feature_overrides where tenant_id = tid)`

import { v7 as uuidv7 } from 'uuid'
import { and, asc, eq, isNotNull, lte, or, sql } from 'drizzle-orm'
import { tenantDomains, tenants } from '#drizzle/schema'
import { rowsOf } from '#server/database/connect'
import { brandAssetKey } from '#server/services/workspace/branding'

/** Tenants purged per run at most; the next run takes the rest. */
const PURGE_BATCH = 50
/** Time one tenant's purge may take (one transaction). */
const PURGE_TIMEOUT = '15min'

/** Removes a purged tenant's stored files (brand assets, export archives): best effort, logged. */
async function removeTenantBlobs(tenantId: string): Promise<number> {
  const storage = blobStorage()
  let removed = 0
  for (const prefix of [brandAssetKey(tenantId, ''), `exports:${tenantId}:`]) {
    try {
      const keys = await storage.getKeys(prefix.replace(/:$/, ''))
      for (const key of keys.filter(k => k.startsWith(prefix))) {
        await storage.removeItem(key)
        removed++
      }
    }
    catch (error) {
      logger().error({ tenantId, prefix, cause: (error as Error).message }, 'tenant-purge: files not removed')
    }
  }
  return removed
}

/**
 * The `tenant-purge` job: hard-deletes every tenant whose purge is due — a super admin's soft
 * delete past `purge_at`, or the tenant admin's own request past `deletion_due_at`. Each goes
 * through `purge_tenant()` (migration 0021), the privileged path: it claims the tenants row with
 * FOR UPDATE SKIP LOCKED (so two instances never purge one tenant twice), deletes every row the
 * tenant owns and records the purge in the platform audit log, all in one transaction. Its hosts
 * are then forgotten by every instance and its stored files removed.
 */
export async function purgeDueTenants(now = new Date()): Promise<{ purged: string[] }> {
  const db = await useDb()
  const due = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants)
    .where(or(and(isNotNull(tenants.deletedAt), lte(tenants.purgeAt, now)), lte(tenants.deletionDueAt, now)))
    .orderBy(asc(tenants.id)).limit(PURGE_BATCH)
  const purged: string[] = []
  for (const tenant of due) {
    const hosts = await db.select({ hostname: tenantDomains.hostname, kind: tenantDomains.kind }).from(tenantDomains).where(eq(tenantDomains.tenantId, tenant.id))
    const [result] = await db.transaction(async (tx) => {
      // A large tenant takes longer than the app's usual statement timeout to delete.
      await tx.execute(sql.raw(`set local statement_timeout = '${PURGE_TIMEOUT}'`))
      return rowsOf<{ counts: Record<string, number> | null }>(await tx.execute(sql`select purge_tenant(${tenant.id}::uuid, ${uuidv7()}::uuid) as counts`))
    })
    // Null: another instance has it, or it was cancelled since the list was read.
    if (!result?.counts) continue
    await invalidateTenant(tenant.id)
    await Promise.all(hosts.map(h => invalidateHost(fullHostname(h))))
    const files = await removeTenantBlobs(tenant.id)
    logger().info({ tenantId: tenant.id, slug: tenant.slug, rows: result.counts, files }, 'tenant-purge: purged')
    purged.push(tenant.slug)
  }
  return { purged }
}

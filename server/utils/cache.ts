import type { Storage } from 'unstorage'

/** Shared cache of host → tenant id and tenant id → public profile (memory LRU, or Redis when REDIS_URL is set). */
export const TENANT_CACHE = 'atrium-tenants'
/** Per-instance, bounded cache of hosts known to serve nothing (so a flood of random hosts costs no SQL). */
export const MISS_CACHE = 'atrium-tenant-miss'

export const tenantCache = (): Storage => useStorage(TENANT_CACHE)
export const missCache = (): Storage => useStorage(MISS_CACHE)

export const cacheKeys = {
  host: (hostname: string) => `host:${hostname}`,
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  killSwitches: () => 'platform:kill-switches',
}

/** Forgets everything cached about one tenant's profile (theme, plan, status, features). */
export async function invalidateTenant(tenantId: string): Promise<void> {
  await tenantCache().removeItem(cacheKeys.tenant(tenantId))
}

/** Forgets a host's mapping, positive and negative, after a domain is added, changed or removed. */
export async function invalidateHost(hostname: string): Promise<void> {
  await Promise.all([
    tenantCache().removeItem(cacheKeys.host(hostname)),
    missCache().removeItem(cacheKeys.host(hostname)),
  ])
}

/** Forgets the platform kill switches after one changes. */
export async function invalidateKillSwitches(): Promise<void> {
  await tenantCache().removeItem(cacheKeys.killSwitches())
}

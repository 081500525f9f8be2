import type { Storage } from 'unstorage'

/** Shared cache of host → tenant id and tenant id → public profile (memory LRU, or Redis when REDIS_URL is set). */
export const TENANT_CACHE = 'atrium-tenants'
/** Per-instance, bounded cache of hosts known to serve nothing (so a flood of random hosts costs no SQL). */
export const MISS_CACHE = 'atrium-tenant-miss'

/**
 * Per-instance, short-lived copy of hosts known to serve a tenant, for Caddy's TLS `ask` only:
 * it is asked on every handshake for a name it has no certificate for, and a local hit costs
 * no Redis round trip. Dropped with the host (locally, and on every instance via Redis).
 */
export const ASK_CACHE = 'atrium-ask-approved'

export const tenantCache = (): Storage => useStorage(TENANT_CACHE)
export const askCache = (): Storage => useStorage(ASK_CACHE)
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

/** The Redis channel on which instances tell each other to forget a host in their local miss cache. */
export const hostInvalidationChannel = () => `${useRuntimeConfig().cachePrefix || 'atrium'}:hosts-invalidated`

/**
 * Forgets a host's mapping, positive and negative, after a domain is added, verified or removed.
 * The positive entry is shared (Redis); the miss cache is per instance, so with Redis the other
 * instances are told over pub/sub (server/plugins/5.host-invalidation.ts) and drop theirs at once.
 */
export async function invalidateHost(hostname: string): Promise<void> {
  await Promise.all([
    tenantCache().removeItem(cacheKeys.host(hostname)),
    missCache().removeItem(cacheKeys.host(hostname)),
    askCache().removeItem(cacheKeys.host(hostname)),
  ])
  await useRedis()?.publish(hostInvalidationChannel(), hostname).catch((error: Error) => {
    console.error(`[cache] host invalidation of ${hostname} not broadcast: ${error.message}`)
  })
}

/** Forgets the platform kill switches after one changes. */
export async function invalidateKillSwitches(): Promise<void> {
  await tenantCache().removeItem(cacheKeys.killSwitches())
}

/**
 * Forgets the cached profiles of many tenants (everyone on a plan that just changed). Plan edits
 * are rare, so the hot path keeps its two cache reads and the edit pays: one delete per tenant,
 * sent in batches (pipelined on one connection with Redis).
 */
export async function invalidateTenants(tenantIds: readonly string[]): Promise<void> {
  const cache = tenantCache()
  for (let i = 0; i < tenantIds.length; i += 500) {
    await Promise.all(tenantIds.slice(i, i + 500).map(id => cache.removeItem(cacheKeys.tenant(id))))
  }
}

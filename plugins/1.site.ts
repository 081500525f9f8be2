import type { TenantPublicProfile } from '#shared/site'
import { publicProfile } from '#shared/site'

// Server: copy this request's site (resolved by server/middleware/2.tenant.ts) into the store,
// which pinia serialises into the payload. Client: the store arrives hydrated; nothing is refetched.
export default defineNuxtPlugin(() => {
  if (!import.meta.server) return
  const store = useSiteStore()
  const config = useRuntimeConfig()
  const site = useRequestEvent()?.context.site as { kind: 'platform' } | { kind: 'tenant', tenant: TenantPublicProfile } | undefined
  // Only the public profile: the resolved tenant also holds limits, allowlists and redirects.
  if (site?.kind === 'tenant') store.site = { kind: 'tenant', tenant: publicProfile(site.tenant) }
  else if (site?.kind === 'platform') store.site = { kind: 'platform', name: String(config.platformName), domain: String(config.platformDomain) }
})

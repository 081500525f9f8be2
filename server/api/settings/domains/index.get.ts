import { domainsOverview } from '#server/services/workspace/domains'

// The workspace's addresses: its built-in one, its custom domains with their DNS records, the redirect switch.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return withTenant(event, domainsOverview)
})

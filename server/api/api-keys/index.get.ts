import { listApiKeys } from '#server/services/identity/api-keys'

// The workspace's API keys (never their secrets).
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return withTenant(event, scope => listApiKeys(scope))
})

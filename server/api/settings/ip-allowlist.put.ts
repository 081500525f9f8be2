import { ipAllowlistSchema } from '#shared/schemas/ip-allowlist'
import { updateIpAllowlist } from '#server/services/workspace/security'

// Replaces the IP allowlist (refused if it would lock out the admin saving it).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { ranges } = await parseBody(event, ipAllowlistSchema)
  const saved = await withTenant(event, scope => updateIpAllowlist(scope, ranges))
  await invalidateTenant(requireTenant(event).id) // after the commit
  return saved
})

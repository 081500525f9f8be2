import { sessionPolicySchema } from '#shared/schemas/security'
import { updateSessionPolicy } from '#server/services/workspace/security'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const policy = await parseBody(event, sessionPolicySchema)
  const saved = await withTenant(event, scope => updateSessionPolicy(scope, policy))
  await invalidateTenant(requireTenant(event).id) // after the commit
  return saved
})

import { sessionPolicySchema } from '#shared/schemas/security'
import { updateSessionPolicy } from '#server/services/workspace/security'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const policy = await parseBody(event, sessionPolicySchema)
  return updateSessionPolicy(event, policy)
})

import { memberListQuerySchema } from '#shared/schemas/members'
import { listMembers } from '#server/services/identity/members'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:read')
  const query = await parseQuery(event, memberListQuerySchema)
  return withTenant(event, scope => listMembers(scope, query))
})

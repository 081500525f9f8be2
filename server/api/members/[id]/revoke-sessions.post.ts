import { memberParamsSchema } from '#shared/schemas/members'
import { revokeMemberSessions } from '#server/services/identity/members'

// An admin signs a member out everywhere; it applies on the member's next request.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:admin')
  const { id } = await parseParams(event, memberParamsSchema)
  return withTenant(event, scope => revokeMemberSessions(scope, id))
})

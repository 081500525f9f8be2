import { memberParamsSchema } from '#shared/schemas/members'
import { removeMember } from '#server/services/identity/members'

export default defineEventHandler(async (event) => {
  const actor = requirePermission(event, 'members:write')
  const { id } = await parseParams(event, memberParamsSchema)
  return withTenant(event, scope => removeMember(scope, id, actor.kind === 'user' ? actor.id : null))
})

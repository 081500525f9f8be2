import { memberParamsSchema, memberPatchSchema } from '#shared/schemas/members'
import { updateMember } from '#server/services/identity/members'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:write')
  const { id } = await parseParams(event, memberParamsSchema)
  const patch = await parseBody(event, memberPatchSchema)
  return withTenant(event, scope => updateMember(scope, id, patch))
})

import { teamParamsSchema, teamPatchSchema } from '#shared/schemas/roles'
import { updateTeam } from '#server/services/identity/teams'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:write')
  const { id } = await parseParams(event, teamParamsSchema)
  const patch = await parseBody(event, teamPatchSchema)
  return withTenant(event, scope => updateTeam(scope, id, patch))
})

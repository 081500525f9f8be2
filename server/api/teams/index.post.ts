import { teamCreateSchema } from '#shared/schemas/roles'
import { createTeam } from '#server/services/identity/teams'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:write')
  const input = await parseBody(event, teamCreateSchema)
  const team = await withTenant(event, scope => createTeam(scope, input))
  setResponseStatus(event, 201)
  return team
})

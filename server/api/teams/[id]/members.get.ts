import { teamParamsSchema } from '#shared/schemas/roles'
import { listTeamMembers } from '#server/services/identity/teams'

// Who is in a team.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:read')
  const { id } = await parseParams(event, teamParamsSchema)
  return withTenant(event, scope => listTeamMembers(scope, id))
})

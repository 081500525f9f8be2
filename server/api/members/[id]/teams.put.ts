import { memberParamsSchema, memberTeamsSchema } from '#shared/schemas/members'
import { setMemberTeams } from '#server/services/identity/teams'

// Team membership is a team change: the same permission as editing a team's member list.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:write')
  const { id } = await parseParams(event, memberParamsSchema)
  const { teamIds } = await parseBody(event, memberTeamsSchema)
  return withTenant(event, scope => setMemberTeams(scope, id, teamIds))
})

import { teamMembersSchema, teamParamsSchema } from '#shared/schemas/roles'
import { setTeamMembers } from '#server/services/identity/teams'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:write')
  const { id } = await parseParams(event, teamParamsSchema)
  const { userIds, leadId } = await parseBody(event, teamMembersSchema)
  return withTenant(event, scope => setTeamMembers(scope, id, userIds, leadId))
})

import { teamParamsSchema } from '#shared/schemas/roles'
import { deleteTeam } from '#server/services/identity/teams'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'teams:delete')
  const { id } = await parseParams(event, teamParamsSchema)
  await withTenant(event, scope => deleteTeam(scope, id))
  setResponseStatus(event, 204)
  return null
})

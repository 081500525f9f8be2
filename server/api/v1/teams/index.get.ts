import { listTeams } from '#server/services/identity/teams'

export default defineEventHandler(async (event) => {
  const request = await v1Input(event, 'GET /teams')
  const items = await withTenant(event, scope => listTeams(scope))
  return v1Answer(event, request, { items })
})

import { listTeams } from '#server/services/identity/teams'

export default defineEventHandler((event) => {
  requirePermission(event, 'teams:read')
  return withTenant(event, scope => listTeams(scope))
})

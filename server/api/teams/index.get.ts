import { listTeams } from '../../services/teams'

export default defineEventHandler((event) => {
  requirePermission(event, 'teams:read')
  return withTenant(event, scope => listTeams(scope))
})

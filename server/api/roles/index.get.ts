import { listRoles } from '#server/services/identity/members'

export default defineEventHandler((event) => {
  requirePermission(event, 'roles:read')
  return withTenant(event, scope => listRoles(scope))
})

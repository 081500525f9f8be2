import { roleCreateSchema } from '#shared/schemas/roles'
import { createRole } from '#server/services/identity/roles'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'roles:write')
  const input = await parseBody(event, roleCreateSchema)
  const role = await withTenant(event, scope => createRole(scope, input))
  setResponseStatus(event, 201)
  return role
})

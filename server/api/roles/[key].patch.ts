import { roleParamsSchema, rolePatchSchema } from '#shared/schemas/roles'
import { updateRole } from '#server/services/identity/roles'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'roles:write')
  const { key } = await parseParams(event, roleParamsSchema)
  const patch = await parseBody(event, rolePatchSchema)
  return withTenant(event, scope => updateRole(scope, key, patch))
})

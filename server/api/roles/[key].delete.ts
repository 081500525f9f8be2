import { roleParamsSchema } from '#shared/schemas/roles'
import { deleteRole } from '#server/services/identity/roles'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'roles:delete')
  const { key } = await parseParams(event, roleParamsSchema)
  await withTenant(event, scope => deleteRole(scope, key))
  setResponseStatus(event, 204)
  return null
})

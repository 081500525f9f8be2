import { tenantCreateSchema } from '#shared/schemas/platform'
import { createTenant } from '#server/services/platform/tenant-lifecycle'

// Creates a workspace with its first admin invited (super admins, or the operations token).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const input = await parseBody(event, tenantCreateSchema)
  const created = await createTenant(event, input)
  setResponseStatus(event, 201)
  return created
})

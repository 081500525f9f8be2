import { tenantListQuerySchema } from '#shared/schemas/platform'
import { listTenants } from '#server/services/platform/tenant-list'

// The platform's tenants, a page at a time (super admins, or the operations token).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return listTenants(await parseQuery(event, tenantListQuerySchema))
})

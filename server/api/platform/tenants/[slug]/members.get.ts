import { tenantMembersQuerySchema, tenantParamsSchema } from '#shared/schemas/platform'
import { tenantMembersPage } from '#server/services/platform/tenant-detail'
import { tenantBySlug } from '#server/services/platform/tenants'

// A tenant's members, read-only and paged, with search and a status filter (the console's tenant
// detail, and the impersonation picker).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const query = await parseQuery(event, tenantMembersQuerySchema)
  const tenant = await tenantBySlug(slug)
  return tenantMembersPage(tenant.id, query)
})

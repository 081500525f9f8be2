import { tenantMembersQuerySchema, tenantParamsSchema } from '../../../../../shared/schemas/platform'
import { tenantMembersPage } from '../../../../services/tenant-detail'
import { tenantBySlug } from '../../../../services/tenants'

// A tenant's members, a page at a time, read-only (the console's tenant detail).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const { page, pageSize } = await parseQuery(event, tenantMembersQuerySchema)
  const tenant = await tenantBySlug(slug)
  return tenantMembersPage(tenant.id, page, pageSize)
})

import { tenantParamsSchema } from '../../../../../shared/schemas/platform'
import { platformMemberQuerySchema } from '../../../../../shared/schemas/impersonation'
import { listTenantMembers } from '../../../../services/impersonation'

// A tenant's members, read-only and paged, for the console (the impersonation picker, the tenant's detail).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return listTenantMembers(slug, await parseQuery(event, platformMemberQuerySchema))
})

import { tenantParamsSchema } from '#shared/schemas/platform'
import { exportTenantData } from '#server/services/platform/tenant-lifecycle'

// Queues an export of the tenant's data (202: the `data-export` job builds it).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const created = await exportTenantData(platformRunner(event), slug)
  setResponseStatus(event, 202)
  return created
})

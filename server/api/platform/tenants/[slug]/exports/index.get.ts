import { tenantParamsSchema } from '#shared/schemas/platform'
import { tenantExports } from '#server/services/platform/tenant-lifecycle'

// The tenant's recent exports, newest first (whoever requested them).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return tenantExports(slug)
})

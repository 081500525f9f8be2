import { tenantParamsSchema } from '#shared/schemas/platform'
import { tenantDetail } from '#server/services/platform/tenant-detail'

// One tenant for the console: profile, domains, plan, features, usage, members, recent audit events.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return tenantDetail(slug)
})

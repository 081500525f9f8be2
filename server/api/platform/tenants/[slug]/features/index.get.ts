import { tenantParamsSchema } from '#shared/schemas/platform'
import { tenantFeatures } from '#server/services/platform/features'

// One tenant's features: plan, override, kill switch, the effective state and why.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  return tenantFeatures(slug)
})

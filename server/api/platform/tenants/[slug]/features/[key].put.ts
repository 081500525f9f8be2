import { featureOverrideSchema, featureParamsSchema } from '#shared/schemas/platform'
import { setFeatureOverride } from '#server/services/platform/tenants'

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug, key } = await parseParams(event, featureParamsSchema)
  const { enabled } = await parseBody(event, featureOverrideSchema)
  await setFeatureOverride(platformRunner(event), slug, key, enabled)
  return { key, enabled }
})

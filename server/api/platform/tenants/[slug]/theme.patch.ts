import { tenantParamsSchema, themePatchSchema } from '#shared/schemas/platform'
import { updateTenantTheme } from '#server/services/platform/tenants'

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const patch = await parseBody(event, themePatchSchema)
  return { theme: await updateTenantTheme(platformRunner(event), slug, patch) }
})

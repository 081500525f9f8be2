import { domainParamsSchema } from '#shared/schemas/platform'
import { removeCustomDomain } from '#server/services/platform/tenants'

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug, hostname } = await parseParams(event, domainParamsSchema)
  await removeCustomDomain(platformRunner(event), slug, hostname)
  setResponseStatus(event, 204)
  return null
})

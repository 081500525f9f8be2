import { domainCreateSchema, tenantParamsSchema } from '#shared/schemas/platform'
import { addCustomDomain } from '#server/services/platform/tenants'

export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseParams(event, tenantParamsSchema)
  const body = await parseBody(event, domainCreateSchema)
  const domain = await addCustomDomain(platformRunner(event), slug, body)
  setResponseStatus(event, 201)
  return domain
})

import { customDomainParamsSchema } from '#shared/schemas/domains'
import { setPrimaryDomain } from '#server/services/workspace/domains'

// Makes this address (the built-in one or a verified custom domain) the workspace's primary.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { id } = await parseParams(event, customDomainParamsSchema)
  return setPrimaryDomain(tenantRunner(event), id)
})

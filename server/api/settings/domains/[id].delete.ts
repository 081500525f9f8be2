import { customDomainParamsSchema } from '#shared/schemas/domains'
import { removeDomain } from '#server/services/workspace/domains'

// Removes a custom domain: its host stops serving the workspace on the next request.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { id } = await parseParams(event, customDomainParamsSchema)
  await removeDomain(tenantRunner(event), requireTenant(event), id)
  setResponseStatus(event, 204)
  return null
})

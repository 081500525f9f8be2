import { customDomainParamsSchema } from '#shared/schemas/domains'
import { verifyDomain } from '#server/services/workspace/domains'

// "Verify now": looks up the domain's TXT record and records what it found.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { id } = await parseParams(event, customDomainParamsSchema)
  return verifyDomain(tenantRunner(event), requireTenant(event), id)
})

import { customDomainCreateSchema } from '#shared/schemas/domains'
import { addDomain } from '#server/services/workspace/domains'

// Adds a custom domain, pending until its TXT record is verified (plan: custom_domains).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { hostname } = await parseBody(event, customDomainCreateSchema)
  const domain = await addDomain(tenantRunner(event), requireTenant(event), hostname)
  setResponseStatus(event, 201)
  return domain
})

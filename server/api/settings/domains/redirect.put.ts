import { domainRedirectSchema } from '#shared/schemas/domains'
import { setRedirectToPrimary } from '#server/services/workspace/domains'

// Whether page visits on the workspace's other addresses are sent to its primary domain.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { enabled } = await parseBody(event, domainRedirectSchema)
  return setRedirectToPrimary(tenantRunner(event), enabled)
})

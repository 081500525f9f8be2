import { platformAuditQuerySchema } from '#shared/schemas/platform-console'
import { listPlatformAudit } from '#server/services/platform/audit'

// The platform audit log, filtered and paged (super admins, or the operations token).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return listPlatformAudit(await parseQuery(event, platformAuditQuerySchema))
})

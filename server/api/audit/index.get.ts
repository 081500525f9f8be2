import { auditQuerySchema } from '#shared/schemas/audit'
import { listAudit } from '#server/services/workspace/audit'

export default defineEventHandler(async (event) => {
  requirePermission(event, 'audit:read')
  const query = await parseQuery(event, auditQuerySchema)
  return withTenant(event, scope => listAudit(scope, query))
})

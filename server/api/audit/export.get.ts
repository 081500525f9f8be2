import { auditQuerySchema } from '#shared/schemas/audit'
import { exportAuditCsv } from '#server/services/workspace/audit'

// The filtered audit log as a CSV download.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'audit:export')
  const query = await parseQuery(event, auditQuerySchema)
  const csv = await withTenant(event, scope => exportAuditCsv(scope, query))
  setHeader(event, 'content-type', 'text/csv; charset=utf-8')
  setHeader(event, 'content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
  return csv
})

import { auditQuerySchema } from '#shared/schemas/audit'
import { exportAuditCsv } from '#server/services/workspace/audit'

// The filtered audit log as a CSV download.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'audit:export')
  const query = await parseQuery(event, auditQuerySchema)
  const csv = await withTenant(event, async (scope) => {
    const body = await exportAuditCsv(scope, query)
    await writeAudit(event, scope, { action: 'audit.exported', entityType: 'audit_log', after: { filters: query } })
    return body
  })
  setHeader(event, 'content-type', 'text/csv; charset=utf-8')
  setHeader(event, 'content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
  return csv
})

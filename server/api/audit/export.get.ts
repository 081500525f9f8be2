import { auditQuerySchema } from '#shared/schemas/audit'
import { exportAuditCsv } from '#server/services/workspace/audit'
import { sendTextPages } from '#server/utils/send-table'

// The filtered audit log as a CSV download: every matching entry, newest first, streamed page by
// page in one transaction. Audited first, in its own transaction, so an interrupted download is
// on record too (and the export does not list itself).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'audit:export')
  const query = await parseQuery(event, auditQuerySchema)
  await withTenant(event, scope => scope.audit({ action: 'audit.exported', entityType: 'audit_log', after: { filters: query } }))
  await withTenant(event, scope => sendTextPages(event, `audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv; charset=utf-8', exportAuditCsv(scope, query)))
})

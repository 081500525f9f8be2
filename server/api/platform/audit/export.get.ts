import { platformAuditQuerySchema } from '#shared/schemas/platform-console'
import { exportPlatformAuditCsv } from '#server/services/platform/audit'
import { sendTextPages } from '#server/utils/send-table'

// The filtered platform audit log as a CSV download: every matching entry, newest first, streamed
// page by page. Audited first, in its own transaction, so an interrupted download is on record too.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const query = await parseQuery(event, platformAuditQuerySchema)
  await withPlatform(event, scope => scope.audit({ action: 'platform.audit.exported', entityType: 'platform_audit_log', after: { filters: query } }))
  await withPlatform(event, scope => sendTextPages(event, `platform-audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv; charset=utf-8', exportPlatformAuditCsv(scope, query)))
})

import { platformAuditQuerySchema } from '#shared/schemas/platform-console'
import { exportPlatformAuditCsv } from '#server/services/platform/audit'

// The filtered platform audit log as a CSV download; the export itself is audited.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const query = await parseQuery(event, platformAuditQuerySchema)
  const csv = await withPlatform(event, scope => exportPlatformAuditCsv(scope, query))
  setHeader(event, 'content-type', 'text/csv; charset=utf-8')
  setHeader(event, 'content-disposition', `attachment; filename="platform-audit-${new Date().toISOString().slice(0, 10)}.csv"`)
  return csv
})

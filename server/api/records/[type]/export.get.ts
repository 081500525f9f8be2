import { exportFormatSchema } from '#shared/schemas/io'
import { recordTypeParamsSchema } from '#shared/schemas/records'
import { planRecordExport } from '#server/services/io/export-records'
import { requireRecordAccess } from '#server/utils/record-access'
import { sendTable } from '#server/utils/send-table'

// A list view as a CSV, XLSX or JSON download: the list's own filters and sort, every matching
// row (up to EXPORT_MAX_ROWS), streamed page by page in the list's transaction; audited.
export default defineEventHandler(async (event) => {
  const { type } = await parseParams(event, recordTypeParamsSchema)
  requireRecordAccess(event, type, 'export')
  const query = readQuery(event)
  const parsed = exportFormatSchema.safeParse({ format: query.format ?? 'csv' })
  if (!parsed.success) throw validationError(parsed.error, 'query')
  const { format } = parsed.data
  const actor = recordActor(event)
  // Audited before the first byte (with the counted rows) in its own transaction, committed at
  // once rather than when the download ends, so an interrupted download is on record too. (PGlite
  // has one connection: the audit cannot run beside the streaming transaction, only before it.)
  const counted = await withTenant(event, async (scope) => {
    const plan = await planRecordExport(scope, actor, type, query)
    await scope.audit({ action: `${type}.exported`, entityType: type, after: { format, filters: plan.filters, rows: plan.total } })
    return plan.total
  })
  await withTenant(event, async (scope) => {
    const plan = await planRecordExport(scope, actor, type, query, counted)
    await sendTable(event, format, `${type}-${new Date().toISOString().slice(0, 10)}`, plan.columns, plan.pages)
  })
})

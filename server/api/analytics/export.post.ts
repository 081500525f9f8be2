import { widgetQuerySchema } from '#shared/analytics'
import { exportFormatSchema } from '#shared/schemas/io'
import { answerWidgets } from '#server/services/analytics/answer'
import { readRevisions } from '#server/utils/revisions'
import { widgetTable } from '#server/services/io/widget-table'
import { sendTable } from '#server/utils/send-table'

// One widget's data as a CSV, XLSX or JSON download: the same query and answer as
// POST /api/analytics/query, for the same person; audited.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'analytics:export')
  const format = exportFormatSchema.safeParse({ format: readQuery(event).format ?? 'csv' })
  if (!format.success) throw validationError(format.error, 'query')
  const query = await parseBody(event, widgetQuerySchema)
  requireMetricAccess(event, query.metric)
  const tenant = requireTenant(event)
  const tenantId = tenant.id
  const [result] = await answerWidgets(tenantId, [query], viewerOf(event), await readRevisions(tenantId))
  const table = widgetTable(query, result!, tenant.preferences.currency)
  await withTenant(event, scope => scope.audit({ action: 'analytics.exported', entityType: 'widget', after: { format: format.data.format, query, rows: table.rows.length } }))
  await sendTable(event, format.data.format, `${query.metric.replace('.', '-')}-${query.range.from}-${query.range.to}`, table.columns, [table.rows])
})

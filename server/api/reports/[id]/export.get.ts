import { setResponseHeader } from 'h3'
import { REPORT_MAX_ROWS } from '#shared/reports'
import { reportExportQuerySchema, reportParamsSchema } from '#shared/schemas/reports'
import { REPORT_CONTENT_TYPES, writeReportFile } from '#server/services/reports/files'
import { writeReportPdf } from '#server/services/reports/pdf'
import { reportFile } from '#server/services/reports/reports'

// A saved report as a CSV, XLSX, JSON or PDF download, streamed from the report's transaction; audited.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const tenant = requireTenant(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const { format } = await parseQuery(event, reportExportQuerySchema)
  const maxRows = Math.min(REPORT_MAX_ROWS, Number(useRuntimeConfig(event).reportMaxRows) || REPORT_MAX_ROWS)
  await withTenant(event, async (scope) => {
    const { report, file, rows, groupColumns, chartRows } = await reportFile(scope, user, id, format, maxRows)
    // Everything that may refuse has run: from here the answer is 200 and the file.
    setResponseHeader(event, 'content-type', REPORT_CONTENT_TYPES[format])
    setResponseHeader(event, 'content-disposition', `attachment; filename="${report.name.replace(/[^\w.-]/g, '_')}.${format}"`)
    setResponseHeader(event, 'cache-control', 'no-store')
    event.node.res.statusCode = 200
    if (format === 'pdf') {
      const brand = { workspace: tenant.name, primary: tenant.theme.primary, locale: tenant.preferences.locale }
      await writeReportPdf(event.node.res, file, brand, rows, chartRows, groupColumns)
    }
    else {
      await writeReportFile(format, event.node.res, file)
    }
  })
})

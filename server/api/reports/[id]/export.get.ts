import { setResponseHeader } from 'h3'
import { REPORT_MAX_ROWS } from '#shared/reports'
import { reportExportQuerySchema, reportParamsSchema } from '#shared/schemas/reports'
import { REPORT_CONTENT_TYPES, writeReportFile } from '#server/services/reports/files'
import { reportFile } from '#server/services/reports/reports'

// A saved report as a CSV, XLSX or JSON download, streamed from the report's transaction; audited.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const { format } = await parseQuery(event, reportExportQuerySchema)
  await withTenant(event, async (scope) => {
    const { report, file } = await reportFile(scope, user, id, format, Math.min(REPORT_MAX_ROWS, Number(useRuntimeConfig(event).reportMaxRows) || REPORT_MAX_ROWS))
    // Everything that may refuse has run: from here the answer is 200 and the file.
    setResponseHeader(event, 'content-type', REPORT_CONTENT_TYPES[format])
    setResponseHeader(event, 'content-disposition', `attachment; filename="${report.name.replace(/[^\w.-]/g, '_')}.${format}"`)
    setResponseHeader(event, 'cache-control', 'no-store')
    event.node.res.statusCode = 200
    await writeReportFile(format, event.node.res, file)
  })
})

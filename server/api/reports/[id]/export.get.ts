import { setResponseHeader } from 'h3'
import { reportExportQuerySchema, reportParamsSchema } from '#shared/schemas/reports'
import { REPORT_CONTENT_TYPES, reportFileName, reportRowLimit } from '#server/services/reports/files'
import { reportFile, writeReportOutput } from '#server/services/reports/reports'

// A saved report as a CSV, XLSX, JSON or PDF download, streamed from the report's transaction; audited.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:export')
  const user = reportUser(event)
  const tenant = requireTenant(event)
  const { id } = await parseParams(event, reportParamsSchema)
  const { format } = await parseQuery(event, reportExportQuerySchema)
  await withTenant(event, async (scope) => {
    const made = await reportFile(scope, user, id, format, reportRowLimit())
    // Everything that may refuse has run: from here the answer is 200 and the file.
    setResponseHeader(event, 'content-type', REPORT_CONTENT_TYPES[format])
    setResponseHeader(event, 'content-disposition', `attachment; filename="${reportFileName(made.report.name, format)}"`)
    setResponseHeader(event, 'cache-control', 'no-store')
    event.node.res.statusCode = 200
    await writeReportOutput(event.node.res, format, made, tenant)
  })
})

import { reportPreviewSchema } from '#shared/schemas/reports'
import { previewReport } from '#server/services/reports/reports'

// The builder's live preview of an unsaved definition (its first rows or groups), or one group's records.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'reports:read')
  const user = reportUser(event)
  const { definition, drill } = await parseBody(event, reportPreviewSchema)
  return withTenant(event, scope => previewReport(scope, user, definition, drill))
})

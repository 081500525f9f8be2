import { dataExportParamsSchema } from '#shared/schemas/data'
import { openDataExport } from '#server/services/io/data-export'

// The archive of a ready export, streamed from blob storage while it has not expired (audited).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  const { id } = await parseParams(event, dataExportParamsSchema)
  const archive = await withTenant(event, scope => openDataExport(scope, id))
  return sendZipDownload(event, archive)
})

import { tenantExportParamsSchema } from '#shared/schemas/platform'
import { openTenantExportForAdmin } from '#server/services/platform/tenant-lifecycle'

// A ready export's archive, for a super admin on the platform host (audited in both logs).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug, id } = await parseParams(event, tenantExportParamsSchema)
  const archive = await withPlatform(event, scope => openTenantExportForAdmin(scope, slug, id))
  return sendZipDownload(event, archive)
})

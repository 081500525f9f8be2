import { platformAdminParamsSchema } from '#shared/schemas/platform-admins'
import { removePlatformAdmin } from '#server/services/platform/admins'

// Removes a super admin (a soft delete: the audit trail keeps naming them); their sessions end now.
// Not yourself, and never the last active one (409).
export default defineEventHandler(async (event) => {
  const admin = requirePlatformAdmin(event)
  const { id } = await parseParams(event, platformAdminParamsSchema)
  await removePlatformAdmin(platformRunner(event), admin, id)
  setResponseStatus(event, 204)
  return null
})

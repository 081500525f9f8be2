import { platformAdminParamsSchema, platformAdminPatchSchema } from '#shared/schemas/platform-admins'
import { setPlatformAdminStatus } from '#server/services/platform/admins'

// Disables (`deactivated`: their sessions end now, sign-in refused) or enables a super admin.
// Not yourself, and never the last active one (409).
export default defineEventHandler(async (event) => {
  const admin = requirePlatformAdmin(event)
  const { id } = await parseParams(event, platformAdminParamsSchema)
  const { status } = await parseBody(event, platformAdminPatchSchema)
  return setPlatformAdminStatus(platformRunner(event), admin, id, status)
})

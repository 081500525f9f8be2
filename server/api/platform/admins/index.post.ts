import { platformAdminCreateSchema } from '#shared/schemas/platform-admins'
import { addPlatformAdmin } from '#server/services/platform/admins'

// Adds a super admin: a signed-in super admin only (not the operations token). The answer carries
// their generated password, this once; they enrol two-factor at their first sign-in.
export default defineEventHandler(async (event) => {
  const admin = requirePlatformAdmin(event)
  const input = await parseBody(event, platformAdminCreateSchema)
  const created = await addPlatformAdmin(platformRunner(event), admin, input)
  setResponseStatus(event, 201)
  // The answer holds a password: no cache along the way may keep it.
  setResponseHeader(event, 'cache-control', 'no-store')
  return created
})

import { listPlatformAdmins } from '#server/services/platform/admins'

// The platform's super admins (removed ones left out): name, email, status, two-factor, last sign-in, created.
export default defineEventHandler((event) => {
  const admin = requirePlatformAdmin(event)
  return withPlatform(event, scope => listPlatformAdmins(scope, admin))
})

import { platformMfaStatus } from '#server/services/platform/mfa'

// The signed-in super admin's two-factor status (always required).
export default defineEventHandler((event) => {
  requirePlatformAdmin(event, { enrolling: true })
  return platformMfaStatus(event)
})

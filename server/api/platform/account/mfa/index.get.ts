import { platformMfaStatus } from '#server/services/platform/mfa'

// The signed-in super admin's two-factor status (always required).
export default defineEventHandler((event) => {
  return platformMfaStatus(requirePlatformAdmin(event, { enrolling: true }).id)
})

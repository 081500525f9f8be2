import { startEnrolment } from '#server/services/identity/mfa'

// Step 1 of enrolment: a fresh secret and its QR code (not live until a code confirms it).
export default defineEventHandler((event) => {
  const principal = requireUser(event)
  refuseWhileImpersonating(event, 'set up two-factor sign-in')
  return withTenant(event, scope => startEnrolment(scope, principal))
})

import { startPlatformEnrolment } from '#server/services/platform/mfa'

// A super admin's enrolment, step 1: a fresh secret and its QR code.
export default defineEventHandler((event) => {
  const principal = requirePlatformAdmin(event, { enrolling: true })
  return startPlatformEnrolment(requestFacts(event), principal, platformName(event))
})

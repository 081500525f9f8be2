import { mfaStatus } from '#server/services/identity/mfa'

// The signed-in person's two-factor status.
export default defineEventHandler((event) => {
  requireUser(event)
  return mfaStatus(event)
})

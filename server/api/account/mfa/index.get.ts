import { mfaStatus } from '#server/services/identity/mfa'

// The signed-in person's two-factor status.
export default defineEventHandler((event) => {
  const principal = requireUser(event)
  return withTenant(event, scope => mfaStatus(scope, principal))
})

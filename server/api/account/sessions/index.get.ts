import { listMySessions } from '#server/services/identity/my-sessions'

// "Your sessions": the devices signed in to this account.
export default defineEventHandler((event) => {
  const principal = requireUser(event)
  return withTenant(event, scope => listMySessions(scope, principal))
})

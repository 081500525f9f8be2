import { listMySessions } from '#server/services/identity/my-sessions'

// "Your sessions": the devices signed in to this account.
export default defineEventHandler((event) => {
  requireUser(event)
  return listMySessions(event)
})

import { listMySessions } from '../../../services/my-sessions'

// "Your sessions": the devices signed in to this account.
export default defineEventHandler((event) => {
  requireUser(event)
  return listMySessions(event)
})

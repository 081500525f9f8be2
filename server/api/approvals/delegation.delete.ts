import { setDelegation } from '#server/services/automation/approvals'

// Back: approvals ask me again.
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  await withTenant(event, scope => setDelegation(scope, user.id, null))
  setResponseStatus(event, 204)
  return null
})

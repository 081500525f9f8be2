import { getDelegation } from '#server/services/automation/approvals'

export default defineEventHandler((event) => {
  const user = requireUser(event)
  return withTenant(event, async scope => ({ delegation: await getDelegation(scope, user.id) }))
})

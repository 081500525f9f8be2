import { delegationSchema } from '#shared/approvals'
import { setDelegation } from '#server/services/automation/approvals'

// While away: approvals that would ask me ask my delegate until then.
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const input = await parseBody(event, delegationSchema)
  return withTenant(event, async scope => ({ delegation: await setDelegation(scope, user.id, input) }))
})

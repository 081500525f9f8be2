import { approvalParamsSchema } from '#shared/approvals'
import { getApproval } from '#server/services/automation/approvals'

// One request: its levels, approvers and decisions, and whether I may decide now.
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await parseParams(event, approvalParamsSchema)
  return withTenant(event, scope => getApproval(scope, user.id, id))
})

import { approvalParamsSchema, decisionSchema } from '#shared/approvals'
import { decide } from '#server/services/automation/approvals'

// Approve or reject, with a comment (403 unless asked, 409 once decided).
export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await parseParams(event, approvalParamsSchema)
  const input = await parseBody(event, decisionSchema)
  return withTenant(event, scope => decide(scope, user.id, id, input, 'app'))
})

import { linkQuerySchema } from '#shared/approvals'
import { approvalByLink } from '#server/services/automation/approvals'

// A mailed approval link, opened without signing in: the request as its approver sees it. The
// token is the credential (single-use, 7 days); it works only on its workspace's host.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const { token } = await parseQuery(event, linkQuerySchema)
  return withTenant(event, scope => approvalByLink(scope, token))
})

import { linkDecisionSchema } from '#shared/approvals'
import { decideByLink } from '#server/services/automation/approvals'

// The decision from a mailed link: as the member it was sent to, once.
export default defineEventHandler(async (event) => {
  requireTenant(event)
  const { token, ...input } = await parseBody(event, linkDecisionSchema)
  return withTenant(event, scope => decideByLink(scope, token, input))
})

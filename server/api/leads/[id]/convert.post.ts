import { leadConvertSchema } from '#shared/schemas/pipelines'
import { recordParamsSchema } from '#shared/schemas/records'
import { convertLead } from '#server/services/crm/lead-conversion'

// Lead → account (new or existing), contact and optionally deal, in one transaction.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'leads:write')
  const { id } = await parseParams(event, recordParamsSchema.omit({ type: true }))
  const input = await parseBody(event, leadConvertSchema)
  // It creates what the member could create by hand, and no more.
  requirePermission(event, 'contacts:write')
  requirePermission(event, input.existingAccountId ? 'accounts:read' : 'accounts:write')
  if (input.createDeal) requirePermission(event, 'deals:write')
  const result = await withTenant(event, scope => convertLead(scope, recordActor(event), id, input))
  setResponseStatus(event, 201)
  return result
})

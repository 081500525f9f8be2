import { recordParamsSchema } from '#shared/schemas/records'
import { conversionLinks } from '#server/services/crm/lead-conversion'
import { readRecord } from '#server/services/crm/records/read'
import { requireRecordAccess } from '#server/utils/record-access'

// One record as its page shows it: the row with its names, and where a lead conversion led
// (to or from it) among the records this reader may open.
export default defineEventHandler(async (event) => {
  const { type, id } = await parseParams(event, recordParamsSchema)
  const principal = requireRecordAccess(event, type, 'read')
  const readable = searchableTypes(requireTenant(event).features, principal.permissions)
  const actor = recordActor(event)
  return withTenant(event, async (scope) => {
    const { row, presented } = await readRecord(scope, actor, type, id)
    return { ...presented, ...await conversionLinks(scope, actor, type, row, readable) }
  })
})

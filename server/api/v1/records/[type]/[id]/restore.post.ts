import { restoreRecord } from '#server/services/crm/records/write'

// Undo of a delete, within the 30 days deleted records are kept.
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'POST /records/{type}/{id}/restore')
  return v1Answer(event, request, await withTenant(event, scope => restoreRecord(scope, recordActor(event), request.type, request.params.id)))
})

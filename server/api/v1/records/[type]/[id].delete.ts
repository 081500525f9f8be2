import { deleteRecord } from '#server/services/crm/records/write'

// Soft delete, as in the app: restorable for 30 days.
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'DELETE /records/{type}/{id}')
  await withTenant(event, scope => deleteRecord(scope, recordActor(event), request.type, request.params.id))
  return v1Answer(event, request, null)
})

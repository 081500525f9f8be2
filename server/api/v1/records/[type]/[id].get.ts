import { readRecord } from '#server/services/crm/records/read'

export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }>(event, 'GET /records/{type}/{id}')
  const { presented } = await withTenant(event, scope => readRecord(scope, recordActor(event), request.type, request.params.id))
  return v1Answer(event, request, presented)
})

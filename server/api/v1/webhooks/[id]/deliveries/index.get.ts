import { deliveriesAfter } from '#server/services/webhooks/deliveries'

// The endpoint's delivery log, newest first; the cursor is the last one's time and id.
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, { status?: 'pending' | 'delivered' | 'failed', limit: number, cursor?: string }>(event, 'GET /webhooks/{id}/deliveries')
  const { cursor, limit, status } = request.query
  return v1Answer(event, request, await withTenant(event, scope => deliveriesAfter(scope, request.params.id, status, cursor, limit)))
})

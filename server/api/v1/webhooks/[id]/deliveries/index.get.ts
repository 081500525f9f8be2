import { listDeliveries } from '#server/services/webhooks/deliveries'

// The endpoint's delivery log, newest first.
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, { status?: 'pending' | 'delivered' | 'failed', limit: number, cursor?: string }>(event, 'GET /webhooks/{id}/deliveries')
  const { cursor, limit, status } = request.query
  const page = pageCursor.decode(cursor, limit)
  const found = await withTenant(event, scope => listDeliveries(scope, request.params.id, { status, ...page }))
  return v1Answer(event, request, { items: found.items, nextCursor: pageCursor.next(page, found.total) })
})

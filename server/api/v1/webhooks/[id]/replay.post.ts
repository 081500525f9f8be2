import { replayFailedSince } from '#server/services/webhooks/deliveries'

// Sends again every failed delivery since a moment (at most 30 days back).
export default defineEventHandler(async (event) => {
  const request = await v1Input<{ id: string }, unknown, { since: string }>(event, 'POST /webhooks/{id}/replay')
  return v1Answer(event, request, await withTenant(event, scope => replayFailedSince(scope, request.params.id, request.body.since)))
})

import { SUBSCRIBABLE_EVENT_TYPES, eventDef } from '#shared/events'

// The events an endpoint can subscribe to (shared/events.ts).
export default defineEventHandler(async (event) => {
  const request = await v1Input(event, 'GET /webhooks/event-types')
  return v1Answer(event, request, { items: SUBSCRIBABLE_EVENT_TYPES.map(type => eventDef(type)!) })
})

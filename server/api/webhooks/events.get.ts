import { SUBSCRIBABLE_EVENT_TYPES, eventDef } from '#shared/events'

// The event catalogue an endpoint can subscribe to (shared/events.ts), for the settings form and integrators.
export default defineEventHandler((event) => {
  requirePermission(event, 'webhooks:admin')
  return SUBSCRIBABLE_EVENT_TYPES.map((type) => {
    const def = eventDef(type)!
    return { type, version: def.version, label: def.label, group: def.group, permission: def.permission }
  })
})

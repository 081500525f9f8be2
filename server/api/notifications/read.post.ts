import { notificationsReadSchema } from '#shared/notifications'
import { markRead } from '#server/services/notifications/notifications'

// Marks some of your notifications ({ ids }) or all of them ({ all: true }) read.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  const body = await parseBody(event, notificationsReadSchema)
  return withTenant(event, scope => markRead(scope, principal.id, body))
})

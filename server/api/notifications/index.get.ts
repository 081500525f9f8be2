import { notificationsQuerySchema } from '#shared/notifications'
import { listNotifications } from '#server/services/notifications/notifications'

// The bell's list: your own notifications, newest first, with the unread count.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  const query = await parseQuery(event, notificationsQuerySchema)
  return withTenant(event, scope => listNotifications(scope, principal.id, query))
})

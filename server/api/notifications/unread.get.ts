import { unreadCount } from '#server/services/notifications/notifications'

// What the bell polls: how many of your notifications are unread.
export default defineEventHandler(async (event) => {
  const principal = requireUser(event)
  return { unread: await withTenant(event, scope => unreadCount(scope, principal.id)) }
})

import { generalSettings } from '#server/services/workspace/general'

// The workspace's name, time zone, locale, currency and formats.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return generalSettings(requireTenant(event))
})

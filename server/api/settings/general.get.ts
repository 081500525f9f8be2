import { generalSettings } from '../../services/workspace'

// The workspace's name, time zone, locale, currency and formats.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return generalSettings(event)
})

import { schedulePreviewSchema } from '#shared/workflows'
import { schedulePreview } from '#server/services/automation/definition'

// The next five times a schedule fires in its time zone (the workspace's by default), or why it
// cannot be used. Reads nothing stored: no transaction.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { cron, timeZone } = await parseBody(event, schedulePreviewSchema)
  return schedulePreview(cron, timeZone ?? requireTenant(event).preferences?.timeZone ?? 'UTC')
})

import { schedulePreviewSchema } from '#shared/workflows'
import { schedulePreview } from '#server/services/automation/runs'

// The next five times a schedule fires in its time zone (the workspace's by default), or why it cannot be used.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:read')
  const { cron, timeZone } = await parseBody(event, schedulePreviewSchema)
  return withTenant(event, async scope => schedulePreview(scope, cron, timeZone))
})

import { automationSettingsSchema } from '#shared/workflows'
import { setAutomationSettings } from '#server/services/automation/workflows'

// How long finished workflow runs are kept (7 to 365 days); answers the allowance the list shows.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'workflows:write')
  const input = await parseBody(event, automationSettingsSchema)
  return withTenant(event, scope => setAutomationSettings(scope, input))
})

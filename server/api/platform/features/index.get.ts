import { featureOverview } from '#server/services/platform/features'

// Every feature: kill switch, plans that include it, overrides, tenants that have it now.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return featureOverview()
})

import { featureSettings } from '#server/services/workspace/features'

// Every feature of the catalogue: in the plan or not, on or off, and whether it can be switched here.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:read')
  return withTenant(event, featureSettings)
})

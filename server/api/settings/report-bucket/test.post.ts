import { testReportBucket } from '#server/services/workspace/report-bucket'

// Writes a small test file into the workspace's bucket and says whether the store took it.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  requireFeature(event, 'reports')
  return withTenant(event, scope => testReportBucket(scope))
})

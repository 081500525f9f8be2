import { getReportBucket } from '#server/services/workspace/report-bucket'

// The workspace's own bucket for scheduled report files (never its secret), or null.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  requireFeature(event, 'reports')
  return withTenant(event, async scope => ({ bucket: await getReportBucket(scope) }))
})

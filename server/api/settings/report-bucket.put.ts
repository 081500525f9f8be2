import { reportBucketSchema } from '#shared/report-schedules'
import { saveReportBucket } from '#server/services/workspace/report-bucket'

// Sets the workspace's bucket up, or changes it (a change without a secret keeps the stored one).
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  requireFeature(event, 'reports')
  const input = await parseBody(event, reportBucketSchema)
  return withTenant(event, async scope => ({ bucket: await saveReportBucket(scope, input) }))
})

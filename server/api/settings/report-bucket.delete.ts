import { deleteReportBucket } from '#server/services/workspace/report-bucket'

// Removes the workspace's bucket; schedules that put files there fail, saying why, until it is back.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'settings:admin')
  requireFeature(event, 'reports')
  await withTenant(event, scope => deleteReportBucket(scope))
  setResponseStatus(event, 204)
  return null
})

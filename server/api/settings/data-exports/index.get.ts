import { listDataExports } from '#server/services/io/data-export'

// The workspace's recent data exports: status, progress, size and expiry.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return withTenant(event, listDataExports)
})

import { listDataExports } from '../../../services/data-export'

// The workspace's recent data exports: status, progress, size and expiry.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return listDataExports(event)
})

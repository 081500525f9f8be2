import { deletionState } from '#server/services/workspace/deletion'

// Whether the workspace is due for deletion, and when.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return withTenant(event, deletionState)
})

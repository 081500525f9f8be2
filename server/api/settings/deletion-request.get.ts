import { deletionState } from '../../services/deletion'

// Whether the workspace is due for deletion, and when.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return deletionState(event)
})

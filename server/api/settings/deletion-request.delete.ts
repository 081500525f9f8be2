import { cancelDeletion } from '#server/services/workspace/deletion'

// Withdraws a pending deletion request; the workspace stays as it is.
export default defineEventHandler((event) => {
  requirePermission(event, 'settings:admin')
  return withTenant(event, cancelDeletion)
})

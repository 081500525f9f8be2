import { deletionRequestSchema } from '#shared/schemas/data'
import { requestDeletion } from '#server/services/workspace/deletion'

// Asks the platform to delete the workspace after the grace period; the name typed out confirms it.
export default defineEventHandler(async (event) => {
  const actor = requirePermission(event, 'settings:admin')
  const { confirmName } = await parseBody(event, deletionRequestSchema)
  return withTenant(event, scope => requestDeletion(scope, actor, confirmName))
})

import { savedViewParamsSchema } from '#shared/schemas/records'
import { deleteSavedView } from '#server/services/crm/saved-views'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const { id } = await parseParams(event, savedViewParamsSchema)
  await withTenant(event, scope => deleteSavedView(scope, user.id, id))
  setResponseStatus(event, 204)
  return null
})

import { savedViewCreateSchema } from '#shared/schemas/records'
import { saveView } from '#server/services/crm/saved-views'

export default defineEventHandler(async (event) => {
  const user = requireUser(event)
  const input = await parseBody(event, savedViewCreateSchema)
  const view = await withTenant(event, scope => saveView(scope, user.id, input))
  setResponseStatus(event, 201)
  return view
})

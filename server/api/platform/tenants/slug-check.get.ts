import { slugCheckQuerySchema } from '#shared/schemas/platform'
import { slugAvailability } from '#server/services/platform/tenant-lifecycle'

// Whether a slug can be taken, and if not why: for the "new tenant" form as the operator types.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const { slug } = await parseQuery(event, slugCheckQuerySchema)
  return slugAvailability(slug)
})

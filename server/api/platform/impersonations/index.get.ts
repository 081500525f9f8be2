import { impersonationListQuerySchema } from '#shared/schemas/impersonation'
import { listImpersonations } from '#server/services/identity/impersonation'

// Impersonations running now and recently, for the console.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return listImpersonations(await parseQuery(event, impersonationListQuerySchema))
})

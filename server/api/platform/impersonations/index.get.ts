import { impersonationListQuerySchema } from '#shared/schemas/impersonation'
import { listImpersonations } from '#server/services/identity/impersonation'

// Impersonations running now and recently, for the console.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const query = await parseQuery(event, impersonationListQuerySchema)
  return withPlatform(event, scope => listImpersonations(scope, query))
})

import { impersonationListQuerySchema } from '../../../../shared/schemas/impersonation'
import { listImpersonations } from '../../../services/impersonation'

// Impersonations running now and recently, for the console.
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  return listImpersonations(await parseQuery(event, impersonationListQuerySchema))
})

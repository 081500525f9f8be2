import { homeQuerySchema } from '../../../shared/schemas/analytics'
import { viewerOf } from '../../services/analytics/access'
import { homeDashboard } from '../../services/analytics/home'

// The home dashboard: KPIs with their change and the charts, only what the person may see.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'dashboard:read')
  const query = await parseQuery(event, homeQuerySchema)
  const viewer = viewerOf(event)
  return withTenant(event, scope => homeDashboard(event, scope, query, viewer))
})

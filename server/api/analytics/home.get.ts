import { homeQuerySchema } from '#shared/schemas/analytics'
import { homeDashboard } from '#server/services/analytics/home'

// The home dashboard: KPIs with their change and the charts, only what the person may see.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'dashboard:read')
  const query = await parseQuery(event, homeQuerySchema)
  return homeDashboard(query, viewerOf(event))
})

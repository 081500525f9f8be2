import { widgetQuerySchema } from '#shared/analytics'
import { answerWidgets } from '#server/services/analytics/answer'
import { readRevisions } from '#server/utils/revisions'

// One widget's numbers: a metric of the catalogue, broken down and filtered, for what the
// person may see. 400 names the field of an unknown metric, dimension or filter.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'dashboard:read')
  const query = await parseBody(event, widgetQuerySchema)
  requireMetricAccess(event, query.metric)
  const viewer = viewerOf(event)
  const tenantId = requireTenant(event).id
  const [result] = await answerWidgets(tenantId, [query], viewer, await readRevisions(tenantId))
  return result
})

import { widgetQuerySchema } from '../../../shared/analytics'
import { requireMetricAccess, viewerOf } from '../../services/analytics/access'
import { answerWidget } from '../../services/analytics/answer'
import { readRevisions } from '../../services/analytics/revisions'

// One widget's numbers: a metric of the catalogue, broken down and filtered, for what the
// person may see. 400 names the field of an unknown metric, dimension or filter.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'dashboard:read')
  const query = await parseBody(event, widgetQuerySchema)
  requireMetricAccess(event, query.metric)
  const viewer = viewerOf(event)
  return withTenant(event, async scope => answerWidget(scope, query, viewer, await readRevisions(scope)))
})

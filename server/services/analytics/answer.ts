import type { WidgetQuery, WidgetResult } from '../../../shared/analytics'
import { METRICS } from '../../../shared/analytics'
import type { TenantScope } from '../../utils/tenant-db'
import type { Viewer } from './access'
import { rangeInstants } from './buckets'
import { cachedResult, cacheKey } from './cache'
import type { RevisionMap } from './revisions'
import { sourceRevision } from './revisions'
import { runWidgetQuery } from './run-query'

/**
 * What a result depends on besides the query: the source's revision, what the viewer may see
 * (everything, or their own/team records: then their id), the calendar, and, while the range
 * reaches into the future, the current minute (overdue tasks and SLA breaches move with time
 * alone, with no write).
 */
function keyParts(q: WidgetQuery, viewer: Viewer, revision: string, now: Date) {
  const visibility = viewer.actor.recordScope === 'all' ? 'all' : `${viewer.actor.recordScope}:${viewer.actor.userId}`
  const me = q.filters.ownerId === 'me' ? viewer.actor.userId : null
  const live = rangeInstants(q.range, viewer.timeZone).end.getTime() > now.getTime() ? Math.floor(now.getTime() / 60_000) : null
  const types = METRICS[q.metric].source === 'activities' ? viewer.recordTypes : null
  return [revision, visibility, me, types, viewer.timeZone, viewer.weekStartsOn, live, q]
}

/** One widget query, from the cache when its inputs are unchanged. */
export async function answerWidget(scope: TenantScope, q: WidgetQuery, viewer: Viewer, revisions: RevisionMap, now = new Date()): Promise<WidgetResult> {
  const revision = sourceRevision(revisions, METRICS[q.metric].source)
  const key = cacheKey(scope.tenantId, keyParts(q, viewer, revision, now))
  return cachedResult(key, () => runWidgetQuery(scope, q, { ...viewer, revision, now }))
}

import type { WidgetQuery, WidgetResult } from '#shared/analytics'
import { METRICS } from '#shared/analytics'
import type { Viewer } from '#server/utils/analytics-access'
import { rangeInstants } from './buckets'
import { METRIC_SQL } from './catalogue'
import type { RevisionMap } from '#server/utils/revisions'
import { sourceRevision } from '#server/utils/revisions'
import { runWidgetQuery } from './run-query'

/**
 * What a result depends on besides the query and the revision: what the viewer may see
 * (everything, or their own/team records: then their id), the calendar, and, for metrics that
 * move with time alone (a task falls overdue, an SLA falls due: no write) while the range reaches
 * now, the current minute. Every other metric changes only with a write, i.e. a revision.
 */
export function viewerKey(viewer: Viewer, q: Pick<WidgetQuery, 'range'> & { filters: { ownerId?: string } }, opts: { withTypes: boolean, timeDriven: boolean }, now: Date) {
  const visibility = viewer.actor.recordScope === 'all' ? 'all' : `${viewer.actor.recordScope}:${viewer.actor.userId}`
  const me = q.filters.ownerId === 'me' ? viewer.actor.userId : null
  const live = opts.timeDriven && rangeInstants(q.range, viewer.timeZone).end.getTime() > now.getTime() ? Math.floor(now.getTime() / 60_000) : null
  return [visibility, me, opts.withTypes ? viewer.recordTypes : null, viewer.timeZone, viewer.weekStartsOn, live]
}

/**
 * Widget queries, each from the cache when its inputs are unchanged; the misses are computed in
 * one tenant transaction. `revisions` must have been read before (readRevisions).
 */
export async function answerWidgets(tenantId: string, queries: WidgetQuery[], viewer: Viewer, revisions: RevisionMap, now = new Date()): Promise<WidgetResult[]> {
  const revisionOf = (q: WidgetQuery) => sourceRevision(revisions, METRICS[q.metric].source)
  const keys = queries.map(q => cacheKey(tenantId, [revisionOf(q), viewerKey(viewer, q, { withTypes: METRICS[q.metric].source === 'activities', timeDriven: !!METRIC_SQL[q.metric].timeDriven }, now), q]))
  const results = await Promise.all(keys.map(k => analyticsCache.get(k) as Promise<WidgetResult | undefined>))
  const missing = results.flatMap((r, i) => (r ? [] : [i]))
  if (missing.length) {
    // Opened only on a miss: a warm answer costs no transaction. Reads only, so no request facts.
    await runInTenant(tenantId, async (scope) => {
      for (const i of missing) {
        const q = queries[i]!
        results[i] = await runWidgetQuery(scope, q, { ...viewer, revision: revisionOf(q), now })
      }
    })
    await Promise.all(missing.map(i => analyticsCache.set(keys[i]!, results[i]!)))
  }
  return results as WidgetResult[]
}

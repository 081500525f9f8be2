import type { H3Event } from 'h3'
import type { MetricKey } from '#shared/analytics'
import { METRICS } from '#shared/analytics'
import type { Permission } from '#shared/permissions'
import type { RecordType } from '#shared/records'
import { RECORD_TYPES, RECORDS } from '#shared/records'
import type { AnalyticsSource } from '#shared/schemas/analytics'
import { ANALYTICS_SOURCES } from '#shared/schemas/analytics'
import type { RecordActor } from './record-access'

/** Who reads a dashboard: their record visibility and the workspace's calendar. */
export interface Viewer {
  actor: RecordActor
  timeZone: string
  weekStartsOn: number
  /** Record types whose module is on and whose records the role reads: the timeline counts only theirs. */
  recordTypes: RecordType[]
  /** The workspace whose numbers these are. */
  tenantId: string
  /** Metrics whose module is on and whose records the role reads (canReadMetric for each). */
  metrics: ReadonlySet<MetricKey>
}

/** The viewer of this request (after requirePermission). */
export function viewerOf(event: H3Event): Viewer {
  const tenant = requireTenant(event)
  const permissions: readonly string[] = event.context.principal?.permissions ?? []
  const recordTypes = RECORD_TYPES.filter(t => tenant.features[RECORDS[t].feature] && permissions.includes(`${RECORDS[t].resource}:read`))
  const metrics = new Set((Object.keys(METRICS) as MetricKey[]).filter(m => canReadMetric(event, m)))
  return { actor: recordActor(event), timeZone: tenant.preferences.timeZone, weekStartsOn: tenant.preferences.weekStartsOn, recordTypes, tenantId: tenant.id, metrics }
}

const SOURCE_METRIC = Object.fromEntries(ANALYTICS_SOURCES.map(s => [s, (Object.keys(METRICS) as MetricKey[]).find(k => METRICS[k].source === s)!])) as Record<AnalyticsSource, MetricKey>

/** True when the metric's module is on and the role reads its records. */
export function canReadMetric(event: H3Event, metric: MetricKey): boolean {
  const def = METRICS[metric]
  const tenant = requireTenant(event)
  return !!tenant.features[def.feature] && !!event.context.principal?.permissions.includes(`${def.resource}:read` as Permission)
}

/** The sources whose numbers this person may see. */
export function readableSources(event: H3Event): AnalyticsSource[] {
  return sourcesOf(metric => canReadMetric(event, metric))
}

/** The sources whose numbers this viewer may see. */
export function viewerSources(viewer: Viewer): AnalyticsSource[] {
  return sourcesOf(metric => viewer.metrics.has(metric))
}

const sourcesOf = (canRead: (metric: MetricKey) => boolean) => ANALYTICS_SOURCES.filter(s => canRead(SOURCE_METRIC[s]))

/**
 * Guard of one metric: 404 when its module is off, 403 without `<resource>:read`. requirePermission
 * checks both: the resource's module (RESOURCE_MODULES) is the metric's feature.
 */
export function requireMetricAccess(event: H3Event, metric: MetricKey): void {
  requirePermission(event, `${METRICS[metric].resource}:read` as Permission)
}

import { LRUCache } from 'lru-cache'
import type { FieldDef, RecordType } from '../../../shared/records'
import { RECORDS } from '../../../shared/records'
import type { AnalyticsSource } from '../../../shared/schemas/analytics'
import type { TenantScope } from '../../utils/tenant-db'
import { cacheKey } from '../analytics/cache'
import { readRevisions } from '../analytics/revisions'
import type { RecordActor } from './visibility'

// Record list pages and search answers, serialised, keyed by everything they are computed from:
// the tenant, the person and their record scope, the query, and the revisions of every source
// the answer shows — for a list its own type, the types its references name (their titles and
// visibility); for search every type searched — and members (owner names, teams). Revisions move
// in the writing transaction (migration 0028's triggers) and are read before the answer is
// computed, so a cached answer is never older than the data its key names. Answers that depend
// on the clock (`breached`) are never cached. In process only: each instance warms its own.

const answers = new LRUCache<string, string>({ maxSize: 64 * 1024 * 1024, sizeCalculation: v => v.length || 1, ttl: 10 * 60_000 })

/** The sources a list of `type` shows data from. */
function listSourcesOf(type: RecordType): AnalyticsSource[] {
  const sources = new Set<AnalyticsSource>([type])
  for (const f of Object.values(RECORDS[type].fields as Record<string, FieldDef>)) {
    if (f.kind !== 'ref' || !f.ref) continue
    // Pipelines and stages move the deals revision (0028).
    sources.add(f.ref === 'pipelines' || f.ref === 'stages' ? 'deals' : f.ref)
  }
  return [...sources]
}

const LIST_SOURCES = Object.fromEntries((Object.keys(RECORDS) as RecordType[]).map(t => [t, listSourcesOf(t)])) as Record<RecordType, AnalyticsSource[]>

/** Queries whose answer changes with the clock, not only with the data. */
const dependsOnTime = (query: Record<string, unknown>) => 'breached' in query

/**
 * `compute()`'s answer as JSON, from the cache when none of `sources` (nor members) has been
 * written since it was stored; `parts` name everything else the answer depends on. Errors pass
 * through and are never cached.
 */
async function cachedJson(scope: TenantScope, actor: RecordActor, sources: readonly AnalyticsSource[], parts: unknown[], compute: () => Promise<unknown>): Promise<string> {
  const revisions = await readRevisions(scope)
  const key = cacheKey(scope.tenantId, [actor.userId, actor.recordScope, revisions.members, ...sources.map(s => revisions[s]), ...parts])
  const hit = answers.get(key)
  if (hit) return hit
  const json = JSON.stringify(await compute())
  answers.set(key, json)
  return json
}

const sortedEntries = (query: Record<string, unknown>) => Object.entries(query).sort(([a], [b]) => a.localeCompare(b))

/** A list page of `type` for this query, as JSON. */
export function cachedListPage(scope: TenantScope, actor: RecordActor, type: RecordType, query: Record<string, unknown>, compute: () => Promise<unknown>): Promise<string> {
  if (dependsOnTime(query)) return compute().then(page => JSON.stringify(page))
  return cachedJson(scope, actor, LIST_SOURCES[type], ['list', type, sortedEntries(query)], compute)
}

/** A search answer over `types` for this query, as JSON. */
export function cachedSearch(scope: TenantScope, actor: RecordActor, types: readonly RecordType[], query: Record<string, unknown>, compute: () => Promise<unknown>): Promise<string> {
  return cachedJson(scope, actor, types, ['search', types, sortedEntries(query)], compute)
}

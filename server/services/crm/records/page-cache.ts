import type { FieldDef, RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { AnalyticsSource } from '#shared/schemas/analytics'
import type { RecordList } from '#shared/schemas/records'
import { readRevisions } from '#server/utils/revisions'
import { COUNT_CAP } from './read'
import type { RecordActor } from './visibility'

// Record list pages and search answers, serialised, keyed by everything they are computed from:
// the tenant, the person and their record scope, the query, and the revisions of every source
// the answer shows — for a list its own type, the types its references name (their titles and
// visibility); for search every type searched — and members (owner names, teams). Revisions move
// in the writing transaction (migration 0028's triggers) and are read before the answer is
// computed, so a cached answer is never older than the data its key names. Answers that depend
// on the clock (`breached`) are never cached. The tiers are server/utils/cache.ts's `pageCache`
// (in process only: each instance warms its own) and `countCache` (capped counts under the type's
// revision).
const NOT_FILTERS = new Set(['sort', 'dir', 'limit', 'cursor'])

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

/** The revisions and the key of an answer: everything it depends on. */
async function keyOf(tenantId: string, actor: RecordActor, sources: readonly AnalyticsSource[], parts: unknown[]) {
  // One round trip, outside any transaction: a hit opens none.
  const revisions = await readRevisions(tenantId)
  return { revisions, key: cacheKey(tenantId, [actor.userId, actor.recordScope, revisions.members, ...sources.map(s => revisions[s]), ...parts]) }
}

const sortedEntries = (query: Record<string, unknown>) => Object.entries(query).sort(([a], [b]) => a.localeCompare(b))

/**
 * A list page of `type` for this query, as JSON: from the cache when nothing it shows has been
 * written since, else `compute(knownMatching)` in its own tenant transaction, which is handed
 * the count of the same filters when another page or sort of this view already counted them.
 * Errors pass through and are never cached.
 */
export async function cachedListPage(tenantId: string, actor: RecordActor, type: RecordType, query: Record<string, unknown>, compute: (knownMatching?: number) => Promise<RecordList>): Promise<string> {
  if (dependsOnTime(query)) return JSON.stringify(await compute())
  const entries = sortedEntries(query)
  const { revisions, key } = await keyOf(tenantId, actor, LIST_SOURCES[type], ['list', type, entries])
  const hit = await pageCache.get(key)
  if (hit) return hit
  // The count depends on the type's own rows and on visibility (members: teams) only.
  const countKey = cacheKey(tenantId, ['count', type, actor.userId, actor.recordScope, revisions.members, revisions[type], entries.filter(([k]) => !NOT_FILTERS.has(k))])
  const page = await compute(await countCache.get(countKey))
  await countCache.set(countKey, page.totalCapped ? COUNT_CAP + 1 : page.total)
  const json = JSON.stringify(page)
  await pageCache.set(key, json)
  return json
}

/** A search answer over `types` for this query, as JSON (computed by `compute()` when not cached). */
export async function cachedSearch(tenantId: string, actor: RecordActor, types: readonly RecordType[], query: Record<string, unknown>, compute: () => Promise<unknown>): Promise<string> {
  const { key } = await keyOf(tenantId, actor, types, ['search', types, sortedEntries(query)])
  const hit = await pageCache.get(key)
  if (hit) return hit
  const json = JSON.stringify(await compute())
  await pageCache.set(key, json)
  return json
}

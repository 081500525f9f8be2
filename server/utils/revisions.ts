import { sql } from 'drizzle-orm'
import { rowsOf } from '#server/database/connect'
import type { AnalyticsRevisions, AnalyticsSource } from '#shared/schemas/analytics'
import { ANALYTICS_SOURCES } from '#shared/schemas/analytics'

/** The tenant's revision per source (missing = never written: '0'), plus `members` (names, teams). */
export type RevisionMap = Record<AnalyticsSource | 'members', string>

/**
 * Reads every revision of the tenant in one statement and one round trip, outside a transaction
 * (analytics_revisions_of sets the tenant for RLS itself, migration 0028). Read before any data:
 * a result computed afterwards is at least as new as the revision it is cached under.
 */
export async function readRevisions(tenantId: string): Promise<RevisionMap> {
  const db = await useDb()
  const rows = rowsOf<{ source: string, revision: string }>(await db.execute(sql`select source, revision from analytics_revisions_of(${tenantId}::uuid)`))
  const out = Object.fromEntries([...ANALYTICS_SOURCES, 'members'].map(s => [s, '0'])) as RevisionMap
  for (const r of rows) if (r.source in out) out[r.source as keyof RevisionMap] = String(r.revision)
  return out
}

/**
 * The revision a widget over `source` depends on: its own and the members' (owner names and
 * team visibility), so a rename or a team change refreshes it too.
 */
export function sourceRevision(revisions: RevisionMap, source: AnalyticsSource): string {
  return `${revisions[source]}.${revisions.members}`
}

/** The public map (only the sources given), as the poll answers it. */
export function publicRevisions(revisions: RevisionMap, sources: readonly AnalyticsSource[]): AnalyticsRevisions {
  return Object.fromEntries(sources.map(s => [s, sourceRevision(revisions, s)]))
}

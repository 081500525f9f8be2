import { sql } from 'drizzle-orm'
import { rowsOf } from '../../database/connect'
import type { AnalyticsRevisions, AnalyticsSource } from '../../../shared/schemas/analytics'
import { ANALYTICS_SOURCES } from '../../../shared/schemas/analytics'
import type { TenantScope } from '../../utils/tenant-db'

/** The tenant's revision per source (missing = never written: '0'), plus `members` (names, teams). */
export type RevisionMap = Record<AnalyticsSource | 'members', string>

/** Reads every revision of the tenant in one indexed statement (the primary key leads with tenant_id). */
export async function readRevisions(scope: TenantScope): Promise<RevisionMap> {
  const rows = rowsOf<{ source: string, revision: string }>(await scope.tx.execute(
    sql`select source, revision::text as revision from analytics_revisions where tenant_id = ${scope.tenantId}`))
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

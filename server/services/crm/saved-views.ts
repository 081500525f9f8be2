import { asc, eq, sql } from 'drizzle-orm'
import { savedViews } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'

/** A person's saved views of one list, by name (nobody sees another's). */
export function listSavedViews(scope: TenantScope, userId: string, recordType: RecordType) {
  return scope.tx.select({ id: savedViews.id, name: savedViews.name, recordType: savedViews.recordType, query: savedViews.query, createdAt: savedViews.createdAt })
    .from(savedViews)
    .where(scope.where(savedViews, eq(savedViews.userId, userId), eq(savedViews.recordType, recordType)))
    .orderBy(asc(savedViews.name))
}

/** Saves a view under a name; saving again under the same name replaces it. */
export async function saveView(scope: TenantScope, userId: string, input: { recordType: RecordType, name: string, query: Record<string, string> }) {
  const [existing] = await scope.tx.select({ id: savedViews.id }).from(savedViews)
    .where(scope.where(savedViews, eq(savedViews.userId, userId), eq(savedViews.recordType, input.recordType), eq(savedViews.name, input.name))).limit(1)
  if (!existing) {
    const [{ n }] = await scope.tx.select({ n: sql<number>`count(*)::int` }).from(savedViews)
      .where(scope.where(savedViews, eq(savedViews.userId, userId), eq(savedViews.recordType, input.recordType))) as [{ n: number }]
    if (n >= 50) throw apiError(409, 'CONFLICT', 'You have 50 saved views of this list; delete one first')
  }
  // An upsert on the unique name, so two saves racing under one new name both end as "replace".
  const [row] = await scope.tx.insert(savedViews).values(scope.values(savedViews, [{ userId, ...input }]))
    .onConflictDoUpdate({ target: [savedViews.tenantId, savedViews.userId, savedViews.recordType, savedViews.name], set: { query: input.query } })
    .returning()
  await scope.audit({ action: existing ? 'saved_view.updated' : 'saved_view.created', entityType: 'saved_view', entityId: row!.id, after: { recordType: input.recordType, name: input.name } })
  return { id: row!.id, name: row!.name, recordType: row!.recordType, query: row!.query, createdAt: row!.createdAt }
}

/** Deletes one of the person's own views; anyone else's is a 404. */
export async function deleteSavedView(scope: TenantScope, userId: string, id: string) {
  const [row] = await scope.tx.delete(savedViews).where(scope.where(savedViews, eq(savedViews.id, id), eq(savedViews.userId, userId))).returning()
  if (!row) throw notFound('No such view')
  await scope.audit({ action: 'saved_view.deleted', entityType: 'saved_view', entityId: id, before: { recordType: row.recordType, name: row.name } })
}

import { and, desc, eq, sql } from 'drizzle-orm'
import { activities, users } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { findRecord } from './read'
import { tellMentioned } from './mentions'
import type { RecordActor } from './visibility'

type Kind = typeof activities.$inferInsert['kind']

export interface ActivityInput {
  recordType: RecordType
  recordId: string
  kind: Kind
  body?: string | null
  meta?: Record<string, unknown>
  actorId: string | null
  occurredAt?: Date
}

/** Appends entries to records' timelines (automatic ones come from the engine and the hooks). */
export async function addActivities(scope: TenantScope, entries: ActivityInput[]): Promise<void> {
  if (!entries.length) return
  await scope.tx.insert(activities).values(scope.values(activities, entries.map(e => ({
    recordType: e.recordType, recordId: e.recordId, kind: e.kind, body: e.body ?? null, meta: e.meta ?? {}, actorId: e.actorId, occurredAt: e.occurredAt ?? new Date(),
  }))))
}

/** A record's timeline, newest first, paged by (occurred_at, id). */
export async function listActivities(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, q: { cursor?: string, limit: number }) {
  await findRecord(scope, actor, type, id)
  let after
  if (q.cursor) {
    const [at, lastId] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|')
    if (!at || !lastId || !/^[0-9a-f-]{36}$/.test(lastId)) throw apiError(400, 'VALIDATION_FAILED', 'Invalid query: cursor is not a cursor of this timeline', [{ path: 'cursor', message: 'is not a cursor of this timeline' }])
    after = sql`(${activities.occurredAt}, ${activities.id}) < (${at}, ${lastId})`
  }
  const rows = await scope.tx.select({
    id: activities.id, kind: activities.kind, body: activities.body, meta: activities.meta, occurredAt: activities.occurredAt,
    at: sql<string>`${activities.occurredAt}::text`, actor: { id: users.id, name: users.name },
  }).from(activities)
    .leftJoin(users, and(eq(users.tenantId, activities.tenantId), eq(users.id, activities.actorId)))
    .where(scope.where(activities, eq(activities.recordType, type), eq(activities.recordId, id), after))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    items: page.map(({ at: _at, actor, ...r }) => ({ ...r, actor: actor?.id ? actor : null })),
    nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.at}|${last.id}`).toString('base64url') : null,
  }
}

/** Logs a note, call, email or meeting by hand (needs write permission on the record); members it mentions are told. */
export async function logActivity(scope: TenantScope, actor: RecordActor, type: RecordType, id: string, input: { kind: 'note' | 'call' | 'email' | 'meeting', body: string, occurredAt?: string }) {
  const record = await findRecord(scope, actor, type, id)
  const [row] = await scope.tx.insert(activities).values(scope.values(activities, [{
    recordType: type, recordId: id, kind: input.kind, body: input.body, actorId: actor.userId, occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
  }])).returning()
  const told = await tellMentioned(scope, actor, type, record as unknown as Record<string, unknown>, input.body)
  await scope.audit({ action: 'activity.logged', entityType: type, entityId: id, after: { kind: input.kind, activityId: row!.id, ...(told ? { mentioned: told } : {}) } })
  return row!
}

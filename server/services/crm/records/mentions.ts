import { and, eq, inArray } from 'drizzle-orm'
import { roles, users } from '#drizzle/schema'
import { mentionedIds, plainMentions } from '#shared/mentions'
import type { RecordType } from '#shared/records'
import { RECORDS, recordTitle } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { notify } from '#server/services/notifications/notifications'
import { findRecord } from './read'
import type { RecordActor } from './visibility'

const EXCERPT = 280

/**
 * Tells the members a note mentions (kind `mention`), in the note's transaction: only active
 * members whose role may read this type and whose visibility rule shows this record; never the
 * author. A mention of someone who cannot see the record stays text and tells nobody.
 */
export async function tellMentioned(scope: TenantScope, actor: RecordActor, type: RecordType, record: Record<string, unknown>, body: string): Promise<number> {
  const ids = mentionedIds(body).filter(id => id !== actor.userId)
  if (!ids.length) return 0
  const def = RECORDS[type]
  const people = await scope.tx.select({ id: users.id, recordScope: roles.recordScope, permissions: roles.permissions }).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, inArray(users.id, ids), eq(users.status, 'active')))
  const readers: string[] = []
  for (const p of people) {
    if (!p.permissions.includes(`${def.resource}:read`)) continue
    const sees = await findRecord(scope, { userId: p.id, recordScope: p.recordScope }, type, record.id as string).then(() => true, () => false)
    if (sees) readers.push(p.id)
  }
  if (!readers.length) return 0
  const [me] = await scope.tx.select({ name: users.name }).from(users).where(scope.where(users, eq(users.id, actor.userId))).limit(1)
  const text = plainMentions(body)
  return notify(scope, {
    userIds: readers,
    kind: 'mention',
    title: `${me?.name ?? 'Someone'} mentioned you on the ${def.singular.toLowerCase()} “${recordTitle(type, record)}”`,
    body: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text,
    link: `/${type}/${record.id as string}`,
    actorId: actor.userId,
  })
}

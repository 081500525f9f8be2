import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { RecordRow } from '#shared/schemas/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { notify } from '#server/services/notifications/notifications'
import type { RecordActor } from './visibility'

/**
 * Tells each member who became a record's owner through someone else's write (create, edit or
 * bulk assign): one notification per record, or one for the lot when a write hands someone several.
 */
export async function tellNewOwners(scope: TenantScope, actor: RecordActor, type: RecordType, changes: { ownerBefore: string | null, record: RecordRow }[]): Promise<void> {
  const byOwner = new Map<string, RecordRow[]>()
  for (const { ownerBefore, record } of changes) {
    const owner = record.owner?.id
    if (!owner || owner === ownerBefore || owner === actor.userId) continue
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), record])
  }
  if (!byOwner.size) return
  const [me] = await scope.tx.select({ name: users.name }).from(users).where(scope.where(users, eq(users.id, actor.userId))).limit(1)
  const who = me?.name ?? 'Someone'
  const def = RECORDS[type]
  for (const [owner, records] of byOwner) {
    const one = records.length === 1 ? records[0]! : null
    await notify(scope, {
      userIds: [owner],
      kind: 'assignment',
      title: one
        ? `${who} assigned you the ${def.singular.toLowerCase()} “${one.title}”`
        : `${who} assigned you ${records.length} ${def.label.toLowerCase()}`,
      body: one ? null : records.slice(0, 5).map(r => r.title).join(', ') + (records.length > 5 ? ` and ${records.length - 5} more` : ''),
      link: one ? `/${type}/${one.id}` : `/${type}`,
      actorId: actor.userId,
    })
  }
}

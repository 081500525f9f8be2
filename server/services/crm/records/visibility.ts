import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { teamMembers } from '#drizzle/schema'
import type { RecordActor } from '#server/utils/record-access'
import type { TenantScope } from '#server/utils/tenant-db'

export type { RecordActor }

/**
 * The visibility rule of the actor's role as a condition on an owner column: nothing for
 * `all`; the actor's own records for `own`; for `team`, records owned by anyone who shares a
 * team with the actor (and their own). Every records query (lists, reads, writes, search)
 * passes through here, so a page cannot forget it.
 */
export function visibleTo(scope: TenantScope, actor: RecordActor, ownerColumn: PgColumn): SQL | undefined {
  if (actor.recordScope === 'all') return undefined
  if (actor.recordScope === 'own') return sql`${ownerColumn} = ${actor.userId}`
  return sql`(${ownerColumn} = ${actor.userId} or ${ownerColumn} in (
    select mate.user_id from ${teamMembers} mine
    join ${teamMembers} mate on mate.tenant_id = mine.tenant_id and mate.team_id = mine.team_id
    where mine.tenant_id = ${scope.tenantId} and mine.user_id = ${actor.userId}))`
}

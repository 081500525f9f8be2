import type { H3Event } from 'h3'
import { sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { teamMembers } from '#drizzle/schema'
import type { RecordScope } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'

/** Who acts on records: the member (an API key acts for its creator) and what their role sees. */
export interface RecordActor {
  userId: string
  recordScope: RecordScope
}

/** The acting member and their record scope, from the request's principal (after requirePermission). */
export function recordActor(event: H3Event): RecordActor {
  const principal = event.context.principal
  if (!principal) throw apiError(401, 'UNAUTHENTICATED', 'Sign in to continue')
  return principal.kind === 'user'
    ? { userId: principal.id, recordScope: principal.role.recordScope }
    : { userId: principal.userId, recordScope: principal.recordScope }
}

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

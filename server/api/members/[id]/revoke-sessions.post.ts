import { eq } from 'drizzle-orm'
import { users } from '#drizzle/schema'
import { memberParamsSchema } from '#shared/schemas/members'

// An admin signs a member out everywhere; it applies on the member's next request.
export default defineEventHandler(async (event) => {
  requirePermission(event, 'members:admin')
  const { id } = await parseParams(event, memberParamsSchema)
  return withTenant(event, async (scope) => {
    const [member] = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.id, id))).limit(1)
    if (!member) throw notFound('No such member')
    const revoked = await revokeUserSessions(scope, id)
    await writeAudit(event, scope, { action: 'member.sessions_revoked', entityType: 'user', entityId: id, after: { revoked } })
    return { revoked }
  })
})

import { and, asc, count, eq, ilike, ne, or, sql } from 'drizzle-orm'
import { roles, users } from '#drizzle/schema'
import type { MemberRow, Page, WorkspaceAdmin } from '#shared/schemas/members'
import type { TenantScope } from '#server/utils/tenant-db'
import { teamsOfMember } from './teams'

const memberColumns = {
  id: users.id, email: users.email, name: users.name, status: users.status,
  lastActiveAt: users.lastActiveAt, createdAt: users.createdAt,
  roleKey: roles.key, roleName: roles.name,
}

type Selected = { id: string, email: string, name: string, status: MemberRow['status'], lastActiveAt: Date | null, createdAt: Date, roleKey: string, roleName: string }
const toRow = (r: Selected): MemberRow => ({
  id: r.id, email: r.email, name: r.name, status: r.status,
  role: { key: r.roleKey, name: r.roleName },
  lastActiveAt: r.lastActiveAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  teams: [],
})

/** The member list's filters: words of the name or email, a role key, a status. */
function memberFilters(q: { search?: string, role?: string, status?: MemberRow['status'] }) {
  const pattern = q.search ? containsPattern(q.search) : undefined
  return [
    pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
    q.role ? eq(roles.key, q.role) : undefined,
    q.status ? eq(users.status, q.status) : undefined,
  ]
}

/** Members of the tenant, filtered and paged, by name. */
export async function listMembers(scope: TenantScope, q: { search?: string, role?: string, status?: MemberRow['status'], page: number, pageSize: number }): Promise<Page<MemberRow>> {
  const where = scope.where(users, ...memberFilters(q))
  const join = and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId))
  const [rows, [total]] = await Promise.all([
    scope.tx.select(memberColumns).from(users).innerJoin(roles, join).where(where)
      .orderBy(asc(users.name), asc(users.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    scope.tx.select({ n: count() }).from(users).innerJoin(roles, join).where(where),
  ])
  const teamsBy = await teamsOfMember(scope, rows.map(r => r.id))
  return { items: rows.map(r => ({ ...toRow(r), teams: teamsBy.get(r.id) ?? [] })), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize }
}

/**
 * Members by name for the public API: `limit` after the cursor (the previous page's last name and
 * id), so someone joining while a client pages never shifts a page.
 */
export async function membersAfter(scope: TenantScope, q: { search?: string, role?: string, status?: MemberRow['status'] }, cursor: string | undefined, limit: number): Promise<{ items: MemberRow[], nextCursor: string | null }> {
  const [name, id] = cursor ? keysetCursor.decode(cursor, isNameAndId) : []
  const where = scope.where(users, ...memberFilters(q),
    name !== undefined ? sql`(${users.name}, ${users.id}) > (${name}, ${id}::uuid)` : undefined)
  const rows = await scope.tx.select(memberColumns).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId))).where(where)
    .orderBy(asc(users.name), asc(users.id)).limit(limit + 1)
  const page = rows.slice(0, limit)
  const teamsBy = await teamsOfMember(scope, page.map(r => r.id))
  const last = page.at(-1)
  return {
    items: page.map(r => ({ ...toRow(r), teams: teamsBy.get(r.id) ?? [] })),
    nextCursor: rows.length > limit && last ? keysetCursor.encode([last.name, last.id]) : null,
  }
}

/**
 * Whom to ask for access: the active admins' names and emails (at most five), which any member
 * may see — a page beyond their role names them. Nothing else of the member list.
 */
export async function listWorkspaceAdmins(scope: TenantScope): Promise<WorkspaceAdmin[]> {
  return scope.tx.select({ name: users.name, email: users.email }).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, eq(roles.key, 'admin'), eq(users.status, 'active')))
    .orderBy(asc(users.name), asc(users.id)).limit(5)
}

async function findMember(scope: TenantScope, id: string) {
  const [row] = await scope.tx.select(memberColumns).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, eq(users.id, id))).limit(1)
  if (!row) throw notFound('No such member')
  return row
}

/** A member as domain events carry them (shared/events.ts). */
export async function memberForEvent(scope: TenantScope, id: string): Promise<{ id: string, email: string, name: string, role: string }> {
  const m = await findMember(scope, id)
  return { id: m.id, email: m.email, name: m.name, role: m.roleKey }
}

/** How many active admins would remain besides this member. */
async function otherActiveAdmins(scope: TenantScope, exceptUserId: string): Promise<number> {
  const [row] = await scope.tx.select({ n: count() }).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, eq(roles.key, 'admin'), eq(users.status, 'active'), ne(users.id, exceptUserId)))
  return row?.n ?? 0
}

/**
 * Changes a member's role or status. The last active admin can be neither demoted nor
 * deactivated; a role change or deactivation ends the member's sessions so it applies at once.
 */
export async function updateMember(scope: TenantScope, id: string, patch: { role?: string, status?: 'active' | 'deactivated' }): Promise<MemberRow> {
  const before = await findMember(scope, id)
  let roleId: string | undefined
  if (patch.role !== undefined && patch.role !== before.roleKey) {
    const [role] = await scope.tx.select({ id: roles.id }).from(roles).where(scope.where(roles, eq(roles.key, patch.role))).limit(1)
    if (!role) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: role is not a role of this workspace', [{ path: 'role', message: 'is not a role of this workspace' }])
    roleId = role.id
  }
  const losesAdmin = before.roleKey === 'admin' && before.status === 'active'
    && ((roleId !== undefined) || patch.status === 'deactivated')
  if (losesAdmin && await otherActiveAdmins(scope, id) === 0) {
    throw apiError(409, 'LAST_ADMIN', 'A workspace needs at least one active admin')
  }
  if (patch.status === 'active' && before.status === 'deactivated') await assertSeatsAvailable(scope, scope.tenantId, 1, 'status')
  const set = { ...(roleId ? { roleId } : {}), ...(patch.status ? { status: patch.status } : {}) }
  if (Object.keys(set).length) await scope.tx.update(users).set(set).where(scope.where(users, eq(users.id, id)))
  const after = await findMember(scope, id)
  if (roleId || (patch.status === 'deactivated' && before.status !== 'deactivated')) await revokeUserSessions(scope, id)
  await scope.audit({
    action: 'member.updated', entityType: 'user', entityId: id,
    before: { role: before.roleKey, status: before.status }, after: { role: after.roleKey, status: after.status },
  })
  if (after.roleKey !== before.roleKey) {
    await scope.emit('member.role_changed', { member: { id, email: after.email, name: after.name, role: after.roleKey }, fromRole: before.roleKey })
  }
  return { ...toRow(after), teams: (await teamsOfMember(scope, [id])).get(id) ?? [] }
}

/** The roles of this tenant, system first, with how many members hold each. */
export async function listRoles(scope: TenantScope) {
  return scope.tx.select({ key: roles.key, name: roles.name, description: roles.description, permissions: roles.permissions, recordScope: roles.recordScope, isSystem: roles.isSystem, members: count(users.id) })
    .from(roles)
    .leftJoin(users, and(eq(users.tenantId, roles.tenantId), eq(users.roleId, roles.id), ne(users.status, 'deactivated')))
    .where(scope.where(roles))
    .groupBy(roles.tenantId, roles.id)
    .orderBy(sql`${roles.isSystem} desc`, asc(roles.name))
}

/**
 * Removes a member for good: their account, sessions, API keys and open tokens go with it (the
 * audit log keeps what they did, by id). Nobody removes themselves, and the last active admin stays.
 */
export async function removeMember(scope: TenantScope, id: string, actorUserId: string | null): Promise<{ id: string, removed: true }> {
  const before = await findMember(scope, id)
  if (id === actorUserId) throw apiError(409, 'CONFLICT', 'You cannot remove yourself; ask another admin')
  if (before.roleKey === 'admin' && before.status === 'active' && await otherActiveAdmins(scope, id) === 0) {
    throw apiError(409, 'LAST_ADMIN', 'A workspace needs at least one active admin')
  }
  // Drop cached sessions first: the rows are about to go with the account.
  await revokeUserSessions(scope, id)
  await scope.tx.delete(users).where(scope.where(users, eq(users.id, id)))
  await scope.audit({ action: 'member.removed', entityType: 'user', entityId: id, before: { email: before.email, name: before.name, role: before.roleKey, status: before.status } })
  await scope.emit('member.removed', { member: { id, email: before.email, name: before.name, role: before.roleKey } })
  return { id, removed: true }
}

/** Signs a member out everywhere (an admin's action); it applies on the member's next request. */
export async function revokeMemberSessions(scope: TenantScope, id: string): Promise<{ revoked: number }> {
  const [member] = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.id, id))).limit(1)
  if (!member) throw notFound('No such member')
  const revoked = await revokeUserSessions(scope, id)
  await scope.audit({ action: 'member.sessions_revoked', entityType: 'user', entityId: id, after: { revoked } })
  return { revoked }
}

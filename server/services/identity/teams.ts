import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm'
import { teamMembers, teams, users } from '#drizzle/schema'
import type { TeamRow } from '#shared/schemas/roles'
import type { TenantScope } from '#server/utils/tenant-db'

/** All teams of the tenant with their member counts; the page builds the tree from parentId. */
export async function listTeams(scope: TenantScope): Promise<TeamRow[]> {
  const rows = await scope.tx.select({ id: teams.id, name: teams.name, parentId: teams.parentId, members: count(teamMembers.userId), leadId: users.id, leadName: users.name })
    .from(teams)
    .leftJoin(teamMembers, and(eq(teamMembers.tenantId, teams.tenantId), eq(teamMembers.teamId, teams.id)))
    .leftJoin(users, and(eq(users.tenantId, teams.tenantId), eq(users.id, teams.leadUserId)))
    .where(scope.where(teams))
    .groupBy(teams.tenantId, teams.id, users.tenantId, users.id)
    .orderBy(asc(teams.name))
  return rows.map(({ leadId, leadName, ...r }) => ({ ...r, lead: leadId && leadName !== null ? { id: leadId, name: leadName } : null }))
}

async function teamById(scope: TenantScope, id: string) {
  const [team] = await scope.tx.select().from(teams).where(scope.where(teams, eq(teams.id, id))).limit(1)
  if (!team) throw notFound('No such team')
  return team
}

async function assertNameFree(scope: TenantScope, name: string, parentId: string | null, exceptId?: string) {
  const siblings = await scope.tx.select({ id: teams.id }).from(teams)
    .where(scope.where(teams, eq(teams.name, name), parentId ? eq(teams.parentId, parentId) : isNull(teams.parentId)))
  if (siblings.some(s => s.id !== exceptId)) throw apiError(409, 'CONFLICT', 'A team with this name exists at this level')
}

/** A parent must exist in this tenant and must not be the team itself or one of its descendants. */
async function assertParent(scope: TenantScope, parentId: string, movingId?: string) {
  let cursor: string | null = parentId
  for (let depth = 0; cursor; depth++) {
    if (cursor === movingId || depth > 50) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: parentId would make a cycle', [{ path: 'parentId', message: 'would make a cycle' }])
    const [row] = await scope.tx.select({ parentId: teams.parentId }).from(teams).where(scope.where(teams, eq(teams.id, cursor))).limit(1)
    if (!row) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: parentId is not a team of this workspace', [{ path: 'parentId', message: 'is not a team of this workspace' }])
    cursor = row.parentId
  }
}

export async function createTeam(scope: TenantScope, input: { name: string, parentId: string | null }) {
  if (input.parentId) await assertParent(scope, input.parentId)
  await assertNameFree(scope, input.name, input.parentId)
  const [team] = await scope.tx.insert(teams).values(scope.values(teams, [{ name: input.name, parentId: input.parentId }])).returning()
  await scope.audit({ action: 'team.created', entityType: 'team', entityId: team!.id, after: input })
  return team!
}

export async function updateTeam(scope: TenantScope, id: string, patch: { name?: string, parentId?: string | null }) {
  const before = await teamById(scope, id)
  const parentId = patch.parentId === undefined ? before.parentId : patch.parentId
  if (parentId) await assertParent(scope, parentId, id)
  await assertNameFree(scope, patch.name ?? before.name, parentId, id)
  const [after] = await scope.tx.update(teams).set({ name: patch.name ?? before.name, parentId }).where(scope.where(teams, eq(teams.id, id))).returning()
  await scope.audit({ action: 'team.updated', entityType: 'team', entityId: id, before: { name: before.name, parentId: before.parentId }, after: { name: after!.name, parentId: after!.parentId } })
  return after!
}

/** Deletes a team without sub-teams; its memberships go with it. */
export async function deleteTeam(scope: TenantScope, id: string) {
  const team = await teamById(scope, id)
  const [children] = await scope.tx.select({ n: count() }).from(teams).where(scope.where(teams, eq(teams.parentId, id)))
  if (children && children.n > 0) throw apiError(409, 'CONFLICT', 'Move or delete its sub-teams first')
  await scope.tx.delete(teams).where(scope.where(teams, eq(teams.id, id)))
  await scope.audit({ action: 'team.deleted', entityType: 'team', entityId: id, before: { name: team.name, parentId: team.parentId } })
}

/**
 * Replaces a team's members; every id must be a member of this tenant. `leadId` (one of them, or
 * null) sets the lead; absent, the lead stays if they are still in the team.
 */
export async function setTeamMembers(scope: TenantScope, id: string, userIds: string[], leadId?: string | null) {
  const team = await teamById(scope, id)
  if (userIds.length) {
    const found = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, inArray(users.id, userIds)))
    if (found.length !== userIds.length) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: userIds contains someone who is not a member', [{ path: 'userIds', message: 'contains someone who is not a member' }])
  }
  const before = await scope.tx.select({ userId: teamMembers.userId }).from(teamMembers).where(scope.where(teamMembers, eq(teamMembers.teamId, id)))
  await scope.tx.delete(teamMembers).where(scope.where(teamMembers, eq(teamMembers.teamId, id)))
  if (userIds.length) await scope.tx.insert(teamMembers).values(scope.values(teamMembers, userIds.map(userId => ({ teamId: id, userId }))))
  const lead = leadId === undefined ? (team.leadUserId && userIds.includes(team.leadUserId) ? team.leadUserId : null) : leadId
  if (lead !== team.leadUserId) await scope.tx.update(teams).set({ leadUserId: lead }).where(scope.where(teams, eq(teams.id, id)))
  await scope.audit({ action: 'team.members_set', entityType: 'team', entityId: id, before: { userIds: before.map(b => b.userId), leadId: team.leadUserId }, after: { userIds, leadId: lead } })
  return { teamId: id, userIds, leadId: lead }
}

/** A team's members (id, name, email), by name. */
export async function listTeamMembers(scope: TenantScope, id: string) {
  await teamById(scope, id)
  return scope.tx.select({ id: users.id, name: users.name, email: users.email }).from(teamMembers)
    .innerJoin(users, and(eq(users.tenantId, teamMembers.tenantId), eq(users.id, teamMembers.userId)))
    .where(scope.where(teamMembers, eq(teamMembers.teamId, id)))
    .orderBy(asc(users.name))
}

/** The teams one member is in (id, name), by name. */
export async function teamsOfMember(scope: TenantScope, userIds: string[]): Promise<Map<string, { id: string, name: string }[]>> {
  const byUser = new Map<string, { id: string, name: string }[]>()
  if (!userIds.length) return byUser
  const rows = await scope.tx.select({ userId: teamMembers.userId, id: teams.id, name: teams.name }).from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
    .where(scope.where(teamMembers, inArray(teamMembers.userId, userIds)))
    .orderBy(teams.name)
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), { id: r.id, name: r.name }])
  return byUser
}

/** Puts one member in exactly these teams (the member-side view of team membership). */
export async function setMemberTeams(scope: TenantScope, userId: string, teamIds: string[]) {
  const [member] = await scope.tx.select({ id: users.id }).from(users).where(scope.where(users, eq(users.id, userId))).limit(1)
  if (!member) throw notFound('No such member')
  if (teamIds.length) {
    const found = await scope.tx.select({ id: teams.id }).from(teams).where(scope.where(teams, inArray(teams.id, teamIds)))
    const known = new Set(found.map(f => f.id))
    const issues = teamIds.flatMap((id, i) => known.has(id) ? [] : [{ path: `teamIds.${i}`, message: 'is not a team of this workspace' }])
    if (issues.length) throw apiError(400, 'VALIDATION_FAILED', `Invalid body: ${issues[0]!.path} ${issues[0]!.message}`, issues)
  }
  const before = await scope.tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(scope.where(teamMembers, eq(teamMembers.userId, userId)))
  await scope.tx.delete(teamMembers).where(scope.where(teamMembers, eq(teamMembers.userId, userId)))
  if (teamIds.length) await scope.tx.insert(teamMembers).values(scope.values(teamMembers, teamIds.map(teamId => ({ teamId, userId }))))
  // A lead who leaves a team is its lead no more.
  const left = before.map(b => b.teamId).filter(id => !teamIds.includes(id))
  if (left.length) await scope.tx.update(teams).set({ leadUserId: null }).where(scope.where(teams, inArray(teams.id, left), eq(teams.leadUserId, userId)))
  await scope.audit({ action: 'member.teams_set', entityType: 'user', entityId: userId, before: before.map(b => b.teamId), after: teamIds })
  return { userId, teams: (await teamsOfMember(scope, [userId])).get(userId) ?? [] }
}

import { and, count, eq } from 'drizzle-orm'
import { apiKeys, roles, users } from '#drizzle/schema'
import type { Permission } from '#shared/permissions'
import type { RecordScope } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'

const slug = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'role'

async function roleByKey(scope: TenantScope, key: string) {
  const [role] = await scope.tx.select().from(roles).where(scope.where(roles, eq(roles.key, key))).limit(1)
  if (!role) throw notFound('No such role')
  return role
}

/** Creates a custom role from the permission catalogue. */
export async function createRole(scope: TenantScope, input: { key?: string, name: string, description: string, permissions: Permission[], recordScope: RecordScope }) {
  const key = input.key ?? slug(input.name)
  const [created] = await scope.tx.insert(roles).values(scope.values(roles, [{ key, name: input.name, description: input.description, permissions: input.permissions, recordScope: input.recordScope, isSystem: false }]))
    .onConflictDoNothing({ target: [roles.tenantId, roles.key] }).returning()
  if (!created) throw apiError(409, 'CONFLICT', `A role with the key "${key}" exists already`)
  await scope.audit({ action: 'role.created', entityType: 'role', entityId: key, after: { name: input.name, permissions: input.permissions, recordScope: input.recordScope } })
  return created
}

/** Edits a custom role; system roles are read-only. Holders' permissions and record scope change at once. */
export async function updateRole(scope: TenantScope, key: string, patch: { name?: string, description?: string, permissions?: Permission[], recordScope?: RecordScope }) {
  const before = await roleByKey(scope, key)
  if (before.isSystem) throw apiError(403, 'FORBIDDEN', 'System roles cannot be changed')
  const [after] = await scope.tx.update(roles).set(patch).where(scope.where(roles, eq(roles.id, before.id))).returning()
  // Signed-in holders re-read their permissions on their next request.
  await forgetPrincipalsOf(scope, { roleId: before.id })
  // API keys act with their creator's record scope, cached beside the key: drop those too.
  if (after!.recordScope !== before.recordScope) await forgetApiKeysOfRole(scope, before.id)
  await scope.audit({ action: 'role.updated', entityType: 'role', entityId: key, before: { name: before.name, permissions: before.permissions, recordScope: before.recordScope }, after: { name: after!.name, permissions: after!.permissions, recordScope: after!.recordScope } })
  return after!
}

/** Drops the cached verdicts of the API keys created by a role's holders (every instance). */
async function forgetApiKeysOfRole(scope: TenantScope, roleId: string): Promise<void> {
  const keys = await scope.tx.select({ tokenHash: apiKeys.tokenHash }).from(apiKeys)
    .innerJoin(users, and(eq(users.tenantId, apiKeys.tenantId), eq(users.id, apiKeys.createdBy)))
    .where(scope.where(apiKeys, eq(users.roleId, roleId)))
  await Promise.all(keys.map(k => forgetApiKey(k.tokenHash)))
}

/** Deletes a custom role that nobody holds. */
export async function deleteRole(scope: TenantScope, key: string) {
  const role = await roleByKey(scope, key)
  if (role.isSystem) throw apiError(403, 'FORBIDDEN', 'System roles cannot be deleted')
  const [holders] = await scope.tx.select({ n: count() }).from(users).where(scope.where(users, eq(users.roleId, role.id)))
  if (holders && holders.n > 0) throw apiError(409, 'CONFLICT', `${holders.n} member(s) still have this role`)
  await scope.tx.delete(roles).where(scope.where(roles, eq(roles.id, role.id)))
  await scope.audit({ action: 'role.deleted', entityType: 'role', entityId: key, before: { name: role.name, permissions: role.permissions } })
}

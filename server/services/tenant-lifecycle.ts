import type { H3Event } from 'h3'
import { v7 as uuidv7 } from 'uuid'
import { eq } from 'drizzle-orm'
import { plans, roles, tenantDomains, tenants } from '../../drizzle/schema'
import { SYSTEM_ROLES, SYSTEM_ROLE_KEYS } from '../../shared/permissions'
import type { TenantCreate } from '../../shared/schemas/platform'
import { newSlugSchema } from '../../shared/schemas/platform'
import { DEFAULT_THEME } from '../../shared/theme'
import { themePalettes } from '../../shared/palette'
import { inviteFirstAdmin, sendInvitation } from './account'

/** Whether a slug can be taken now: the format and reserved words first, then whether it is in use. */
export async function slugAvailability(slug: string): Promise<{ slug: string, available: boolean, reason: string | null }> {
  const format = newSlugSchema.safeParse(slug)
  if (!format.success) return { slug, available: false, reason: format.error.issues[0]!.message }
  const db = await useDb()
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1)
  const [domain] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(eq(tenantDomains.hostname, slug)).limit(1)
  return tenant || domain ? { slug, available: false, reason: 'is already taken' } : { slug, available: true, reason: null }
}

/** The new workspace's own address, on the scheme and port this request came in on. */
function tenantOrigin(event: H3Event, slug: string): string {
  const origin = new URL(requestOrigin(event))
  origin.hostname = `${slug}.${platformDomain(event)}`
  return origin.origin
}

/**
 * Creates a workspace in one transaction — the tenant on its plan, its subdomain (primary), the
 * system roles, and its first admin as an invitation — then mails the invitation from the new
 * workspace's own address. A taken slug or an unknown plan leaves nothing behind.
 */
export async function createTenant(event: H3Event, input: TenantCreate) {
  requirePlatformOperator(event)
  const db = await useDb()
  const [plan] = await db.select({ id: plans.id, key: plans.key, name: plans.name }).from(plans).where(eq(plans.key, input.plan)).limit(1)
  if (!plan) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: plan is not a plan of this platform', [{ path: 'plan', message: 'is not a plan of this platform' }])
  const taken = await slugAvailability(input.slug)
  if (!taken.available) throw apiError(409, 'CONFLICT', `slug ${taken.reason}`, [{ path: 'slug', message: taken.reason! }])

  const tenantId = uuidv7()
  let token: string
  try {
    token = await runInTenant(tenantId, async (scope) => {
      await scope.tx.insert(tenants).values({ id: tenantId, slug: input.slug, name: input.name, planId: plan.id, theme: DEFAULT_THEME })
      await scope.tx.insert(tenantDomains).values({ tenantId, hostname: input.slug, kind: 'subdomain', isPrimary: true, verifiedAt: new Date() })
      let adminRoleId = ''
      for (const key of SYSTEM_ROLE_KEYS) {
        const def = SYSTEM_ROLES[key]
        const [role] = await scope.tx.insert(roles).values(scope.values(roles, [{ key, name: def.name, description: def.description, permissions: [...def.permissions], isSystem: true }])).returning({ id: roles.id })
        if (key === 'admin') adminRoleId = role!.id
      }
      const invitation = await inviteFirstAdmin(scope, input.adminEmail, adminRoleId)
      await writeAudit(event, scope, { action: 'tenant.created', entityType: 'tenant', entityId: tenantId, after: { slug: input.slug, name: input.name, plan: plan.key, adminEmail: input.adminEmail } })
      return invitation.token
    })
  }
  catch (error) {
    // Two creations racing for one slug: the unique index decides, and the loser hears it plainly.
    if (/tenants_slug_uq|tenant_domains_hostname_uq/.test(String((error as Error).message) + String((error as { cause?: Error }).cause?.message ?? ''))) {
      throw apiError(409, 'CONFLICT', 'slug is already taken', [{ path: 'slug', message: 'is already taken' }])
    }
    throw error
  }
  // Someone may have tried the address before it existed: forget that miss on every instance.
  await invalidateHost(`${input.slug}.${platformDomain(event)}`)
  await writePlatformAudit(event, { action: 'tenant.created', tenantId: tenantId, entityType: 'tenant', entityId: tenantId, after: { slug: input.slug, plan: plan.key } })
  const origin = tenantOrigin(event, input.slug)
  await sendInvitation(event, 'Your provider', input.adminEmail, token, {
    tenant: { id: tenantId, name: input.name, theme: DEFAULT_THEME, palettes: themePalettes(DEFAULT_THEME) },
    origin,
  })
  return { id: tenantId, slug: input.slug, name: input.name, plan: { key: plan.key, name: plan.name }, url: origin, adminEmail: input.adminEmail }
}

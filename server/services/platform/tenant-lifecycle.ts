import { v7 as uuidv7 } from 'uuid'
import { eq } from 'drizzle-orm'
import { plans, roles, tenantDomains, tenants } from '#drizzle/schema'
import { SYSTEM_ROLES, SYSTEM_ROLE_KEYS } from '#shared/permissions'
import type { Tenant } from '#drizzle/schema'
import type { DataExportRow } from '#shared/schemas/data'
import type { ExceededLimit, TenantCreate, TenantLifecycleResult } from '#shared/schemas/platform'
import { newSlugSchema } from '#shared/schemas/platform'
import { DEFAULT_THEME } from '#shared/theme'
import { themePalettes } from '#shared/palette'
import { inviteFirstAdmin } from '#server/services/identity/account'
import { listTenantExports, openTenantExport, queueTenantExport } from '#server/services/io/data-export'
import { defaultPipeline } from '#server/services/crm/pipelines'
import { tenantPlanOverview } from '#server/services/workspace/plan'
import { exceededLimits, tenantStatusOf } from './tenant-detail'
import { tenantBySlug } from './tenants'
import type { PlatformScope } from '#server/utils/platform-db'
import type { PlatformRunner } from '#server/utils/scope-runner'
import type { TenantPublicProfile } from '#shared/site'

/** Whether a slug can be taken now: the format and reserved words first, then whether it is in use. */
export async function slugAvailability(slug: string): Promise<{ slug: string, available: boolean, reason: string | null }> {
  const format = newSlugSchema.safeParse(slug)
  if (!format.success) return { slug, available: false, reason: format.error.issues[0]!.message }
  const db = await useDb()
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1)
  const [domain] = await db.select({ id: tenantDomains.id }).from(tenantDomains).where(eq(tenantDomains.hostname, slug)).limit(1)
  return tenant || domain ? { slug, available: false, reason: 'is already taken' } : { slug, available: true, reason: null }
}

/** The invitation of a new workspace's first admin, to be mailed once the workspace is committed. */
export interface FirstAdminInvitation {
  to: string
  token: string
  target: { tenant: Pick<TenantPublicProfile, 'id' | 'name' | 'palettes' | 'theme'>, origin: string }
}

/**
 * Creates a workspace in one transaction — the tenant on its plan, its subdomain (primary), the
 * system roles, its first admin as an invitation, and both audit entries — and returns it with the
 * invitation, which the caller mails from the new workspace's own address (after the commit, as
 * mail needs the request). A taken slug or an unknown plan leaves nothing behind.
 */
export async function createTenant(run: PlatformRunner, input: TenantCreate, requestOrigin: string) {
  const db = await useDb()
  const [plan] = await db.select({ id: plans.id, key: plans.key, name: plans.name }).from(plans).where(eq(plans.key, input.plan)).limit(1)
  if (!plan) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: plan is not a plan of this platform', [{ path: 'plan', message: 'is not a plan of this platform' }])
  const taken = await slugAvailability(input.slug)
  if (!taken.available) throw apiError(409, 'CONFLICT', `slug ${taken.reason}`, [{ path: 'slug', message: taken.reason! }])

  const tenantId = uuidv7()
  let token: string
  try {
    token = await run(async (scope) => {
      const token = await scope.inTenant(tenantId, async (tenantScope) => {
        await tenantScope.tx.insert(tenants).values({ id: tenantId, slug: input.slug, name: input.name, planId: plan.id, theme: DEFAULT_THEME })
        await tenantScope.tx.insert(tenantDomains).values({ tenantId, hostname: input.slug, kind: 'subdomain', isPrimary: true, verifiedAt: new Date() })
        let adminRoleId = ''
        for (const key of SYSTEM_ROLE_KEYS) {
          const def = SYSTEM_ROLES[key]
          const [role] = await tenantScope.tx.insert(roles).values(tenantScope.values(roles, [{ key, name: def.name, description: def.description, permissions: [...def.permissions], isSystem: true }])).returning({ id: roles.id })
          if (key === 'admin') adminRoleId = role!.id
        }
        // The sales pipeline the board and new deals start from (the tenant edits it in Settings).
        await defaultPipeline(tenantScope)
        const invitation = await inviteFirstAdmin(tenantScope, input.adminEmail, adminRoleId)
        await tenantScope.audit({ action: 'tenant.created', entityType: 'tenant', entityId: tenantId, after: { slug: input.slug, name: input.name, plan: plan.key, adminEmail: input.adminEmail } })
        return invitation.token
      })
      await scope.audit({ action: 'tenant.created', tenantId: tenantId, entityType: 'tenant', entityId: tenantId, after: { slug: input.slug, plan: plan.key } })
      return token
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
  await invalidateHost(`${input.slug}.${platformDomain()}`)
  const origin = originOn(requestOrigin, `${input.slug}.${platformDomain()}`)
  const invitation: FirstAdminInvitation = {
    to: input.adminEmail,
    token,
    target: { tenant: { id: tenantId, name: input.name, theme: DEFAULT_THEME, palettes: themePalettes(DEFAULT_THEME) }, origin },
  }
  return { created: { id: tenantId, slug: input.slug, name: input.name, plan: { key: plan.key, name: plan.name }, url: origin, adminEmail: input.adminEmail }, invitation }
}

// ---- Lifecycle of an existing tenant (super admins): plan, suspension, soft delete, export ----

/** Days between a soft delete and the purge (runtime config NUXT_TENANT_PURGE_DAYS, default 30). */
export function tenantPurgeDays(): number {
  const days = Number(useRuntimeConfig().tenantPurgeDays)
  return Number.isFinite(days) && days >= 0 ? days : 30
}

const conflict = (message: string) => apiError(409, 'CONFLICT', message)

interface LifecycleChange {
  set: Partial<Tenant>
  action: string
  before: Record<string, unknown>
  after: Record<string, unknown>
}

/** Forgets every host of the tenant, on every instance (it starts or stops answering on them). */
async function invalidateTenantHosts(tenantId: string): Promise<void> {
  const db = await useDb()
  const rows = await db.select({ hostname: tenantDomains.hostname, kind: tenantDomains.kind }).from(tenantDomains).where(eq(tenantDomains.tenantId, tenantId))
  await Promise.all(rows.map(row => invalidateHost(fullHostname(row))))
}

/**
 * One lifecycle change in one transaction: the tenants row locked (concurrent changes queue up),
 * `decide` checks the state (409 when the change makes no sense) and says what to set, then the
 * update and both audit entries; after the commit the caches are dropped.
 */
async function changeTenant(run: PlatformRunner, slug: string, decide: (tenant: Tenant) => LifecycleChange, options: { hosts?: boolean } = {}): Promise<Tenant> {
  const found = await tenantBySlug(slug)
  const updated = await run(scope => scope.inTenant(found.id, async (tenantScope) => {
    const [tenant] = await tenantScope.tx.select().from(tenants).where(eq(tenants.id, found.id)).for('update')
    if (!tenant) throw notFound('No such workspace')
    const change = decide(tenant)
    const [row] = await tenantScope.tx.update(tenants).set(change.set).where(eq(tenants.id, tenant.id)).returning()
    const audit = { action: change.action, entityType: 'tenant', entityId: tenant.id, before: change.before, after: change.after }
    await tenantScope.audit(audit)
    await scope.audit({ ...audit, tenantId: tenant.id })
    return row!
  }))
  await invalidateTenant(updated.id)
  if (options.hosts) await invalidateTenantHosts(updated.id)
  return updated
}

async function lifecycleResult(tenant: Tenant, exceeded: ExceededLimit[] = []): Promise<TenantLifecycleResult> {
  const db = await useDb()
  const [plan] = await db.select({ key: plans.key, name: plans.name }).from(plans).where(eq(plans.id, tenant.planId)).limit(1)
  return {
    slug: tenant.slug,
    name: tenant.name,
    status: tenantStatusOf(tenant),
    plan: plan!,
    suspendedReason: tenant.suspendedReason,
    deletedAt: tenant.deletedAt?.toISOString() ?? null,
    purgeAt: tenant.purgeAt?.toISOString() ?? null,
    exceeded,
  }
}

const refuseIfDeleted = (tenant: Tenant, doing: string) => {
  if (tenant.deletedAt) throw conflict(`This workspace is scheduled for deletion: cancel the deletion before you ${doing}`)
}

/**
 * Moves the tenant to another plan (400 naming `plan` when unknown, 409 when already on it).
 * Limits and features follow at once: both are read from the plan. A downgrade below what the
 * tenant uses is allowed; the answer lists the limits now exceeded.
 */
export async function changeTenantPlan(run: PlatformRunner, slug: string, planKey: string): Promise<TenantLifecycleResult> {
  const db = await useDb()
  const all = await db.select({ id: plans.id, key: plans.key }).from(plans)
  const plan = all.find(p => p.key === planKey)
  if (!plan) throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: plan is not a plan of this platform', [{ path: 'plan', message: 'is not a plan of this platform' }])
  const updated = await changeTenant(run, slug, (tenant) => {
    refuseIfDeleted(tenant, 'change its plan')
    if (tenant.planId === plan.id) throw conflict(`This workspace is already on the ${plan.key} plan`)
    const previous = all.find(p => p.id === tenant.planId)?.key ?? null
    return { set: { planId: plan.id }, action: 'tenant.plan_changed', before: { plan: previous }, after: { plan: plan.key } }
  })
  const overview = await tenantPlanOverview(updated.id)
  return lifecycleResult(updated, exceededLimits(overview.limits, overview.usage))
}

/** Suspends the tenant with a reason: its pages show the suspended page, its API answers 403; nothing is deleted or revoked. */
export async function suspendTenant(run: PlatformRunner, slug: string, reason: string): Promise<TenantLifecycleResult> {
  const updated = await changeTenant(run, slug, (tenant) => {
    refuseIfDeleted(tenant, 'suspend it')
    if (tenant.status === 'suspended') throw conflict('This workspace is already suspended')
    return { set: { status: 'suspended', suspendedReason: reason, suspendedAt: new Date() }, action: 'tenant.suspended', before: { status: tenant.status }, after: { status: 'suspended', reason } }
  })
  return lifecycleResult(updated)
}

/** Lifts a suspension: the same sessions and API keys work again. */
export async function reactivateTenant(run: PlatformRunner, slug: string): Promise<TenantLifecycleResult> {
  const updated = await changeTenant(run, slug, (tenant) => {
    refuseIfDeleted(tenant, 'reactivate it')
    if (tenant.status !== 'suspended') throw conflict('This workspace is not suspended')
    return { set: { status: 'active', suspendedReason: null, suspendedAt: null }, action: 'tenant.reactivated', before: { status: tenant.status, reason: tenant.suspendedReason }, after: { status: 'active' } }
  })
  return lifecycleResult(updated)
}

/**
 * Soft delete: the tenant stops answering on all its hosts at once (they look unknown), and the
 * `tenant-purge` job removes its rows after the grace period. `confirmSlug` must repeat the slug.
 */
export async function softDeleteTenant(run: PlatformRunner, slug: string, confirmSlug: string): Promise<TenantLifecycleResult> {
  if (confirmSlug !== slug) {
    throw apiError(400, 'VALIDATION_FAILED', 'Invalid body: confirmSlug must repeat the workspace\'s slug', [{ path: 'confirmSlug', message: 'does not match the workspace\'s slug' }])
  }
  const days = tenantPurgeDays()
  const updated = await changeTenant(run, slug, (tenant) => {
    if (tenant.deletedAt) throw conflict(`This workspace is already scheduled for deletion on ${tenant.purgeAt?.toISOString().slice(0, 10)}`)
    const now = new Date()
    const purgeAt = new Date(now.getTime() + days * 86_400_000)
    return { set: { deletedAt: now, purgeAt }, action: 'tenant.deleted', before: { status: tenant.status }, after: { deletedAt: now.toISOString(), purgeAt: purgeAt.toISOString(), graceDays: days } }
  }, { hosts: true })
  return lifecycleResult(updated)
}

/**
 * Cancels a pending deletion — the super admin's soft delete and the tenant admin's own request
 * alike (409 when neither is pending): the tenant answers again with everything intact.
 */
export async function cancelTenantDeletion(run: PlatformRunner, slug: string): Promise<TenantLifecycleResult> {
  const updated = await changeTenant(run, slug, (tenant) => {
    if (!tenant.deletedAt && !tenant.deletionRequestedAt) throw conflict('No deletion is pending for this workspace')
    return {
      set: { deletedAt: null, purgeAt: null, deletionRequestedAt: null, deletionRequestedBy: null, deletionDueAt: null },
      action: 'tenant.deletion_cancelled',
      before: { deletedAt: tenant.deletedAt, purgeAt: tenant.purgeAt, deletionRequestedAt: tenant.deletionRequestedAt, deletionDueAt: tenant.deletionDueAt },
      after: { deletedAt: null, purgeAt: null, deletionRequestedAt: null },
    }
  }, { hosts: true })
  return lifecycleResult(updated)
}

/** Queues an export of everything the tenant holds (the tenant admins' Data export, built by the same job). */
export async function exportTenantData(run: PlatformRunner, slug: string): Promise<DataExportRow> {
  const tenant = await tenantBySlug(slug)
  return queueTenantExport(run, tenant.id, { action: 'tenant.export_requested', tenantId: tenant.id })
}

/** The tenant's recent exports (platform console). */
export async function tenantExports(slug: string): Promise<DataExportRow[]> {
  const tenant = await tenantBySlug(slug)
  return listTenantExports(tenant.id)
}

/** A ready export's archive for a super admin (audited in both logs). */
export async function openTenantExportForAdmin(scope: PlatformScope, slug: string, id: string) {
  const tenant = await tenantBySlug(slug, scope.tx)
  return openTenantExport(scope, tenant, id, { action: 'tenant.export_downloaded', tenantId: tenant.id })
}

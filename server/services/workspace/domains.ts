import { randomBytes } from 'node:crypto'
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { tenantDomains, tenants } from '#drizzle/schema'
import type { TenantDomain } from '#drizzle/schema'
import { CHALLENGE_LABEL } from '#shared/schemas/domains'
import type { CustomDomainRow, DomainsOverview } from '#shared/schemas/domains'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import type { TenantRunner } from '#server/utils/scope-runner'

// A tenant's addresses: the built-in subdomain (always there) and custom domains, which answer
// only once a TXT record at _atrium-challenge.<domain> holds their token (docs/custom-domains.md).
// Changes take a runner (server/utils/scope-runner.ts), not a scope: the hosting provider or DNS is
// asked between reading and writing, outside any transaction, and the host cache is dropped after.

/** Where a custom domain's CNAME points: NUXT_CUSTOM_DOMAIN_TARGET, or cname.<platform domain>. */
export function cnameTarget(): string {
  return String(useRuntimeConfig().customDomainTarget || '') || `cname.${platformDomain()}`
}

function toRow(d: TenantDomain, target: string): CustomDomainRow {
  return {
    id: d.id,
    hostname: d.hostname,
    status: d.verifiedAt ? 'verified' : d.lastCheckError ? 'failed' : 'pending',
    isPrimary: d.isPrimary,
    createdAt: d.createdAt.toISOString(),
    verifiedAt: d.verifiedAt?.toISOString() ?? null,
    lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
    lastCheckError: d.verifiedAt ? null : d.lastCheckError,
    dns: {
      cname: { name: d.hostname, value: target },
      txt: { name: `${CHALLENGE_LABEL}.${d.hostname}`, value: d.verificationToken ?? '' },
    },
  }
}

const hostnameIssue = (status: number, code: 'VALIDATION_FAILED' | 'CONFLICT', message: string) =>
  apiError(status, code, `Invalid body: hostname ${message}`, [{ path: 'hostname', message }])

/** 403 unless the plan (after overrides and kill switches) includes custom domains. */
function requireCustomDomainsPlan(tenant: TenantContext): void {
  if (!tenant.features.custom_domains) {
    throw apiError(403, 'PLAN_UPGRADE_REQUIRED', `Custom domains are not included in the ${tenant.plan.name} plan. Upgrade to serve the workspace on your own domain.`)
  }
}

/** One of this tenant's domains by id (either kind), or 404 — also for another tenant's. */
async function domainOf(scope: TenantScope, id: string): Promise<TenantDomain> {
  const [row] = await scope.tx.select().from(tenantDomains).where(scope.where(tenantDomains, eq(tenantDomains.id, id))).limit(1)
  if (!row) throw notFound('No such domain')
  return row
}

/** The built-in address, the custom domains (oldest first) and the redirect switch. */
export async function domainsOverview(scope: TenantScope): Promise<DomainsOverview> {
  const tenant = scope.tenant
  const target = cnameTarget()
  const [rows, [settings]] = await Promise.all([
    scope.tx.select().from(tenantDomains).where(scope.where(tenantDomains)).orderBy(asc(tenantDomains.createdAt)),
    scope.tx.select({ redirectToPrimary: tenants.redirectToPrimary }).from(tenants).where(eq(tenants.id, tenant.id)),
  ])
  const builtIn = rows.find(r => r.kind === 'subdomain')
  if (!builtIn) throw apiError(500, 'INTERNAL', 'The workspace has no built-in address')
  return {
    builtIn: { id: builtIn.id, hostname: fullHostname(builtIn), isPrimary: builtIn.isPrimary },
    domains: rows.filter(r => r.kind === 'custom').map(r => toRow(r, target)),
    redirectToPrimary: settings?.redirectToPrimary ?? false,
    available: tenant.features.custom_domains,
    target,
  }
}

/**
 * Adds a custom domain (already normalised by the shared schema), pending until verified. Refused:
 * the platform's own domain or any name under it, and a name any workspace already has. With the
 * Vercel adapter on, Vercel must accept it first; if it does not, nothing is saved.
 */
export async function addDomain(run: TenantRunner, tenant: TenantContext, hostname: string): Promise<CustomDomainRow> {
  requireCustomDomainsPlan(tenant)
  const platform = platformDomain()
  if (hostname === platform || hostname.endsWith(`.${platform}`)) {
    throw hostnameIssue(400, 'VALIDATION_FAILED', 'is the platform\'s own domain or under it: the workspace already has its address there')
  }
  const db = await useDb()
  const [existing] = await db.select({ tenantId: tenantDomains.tenantId }).from(tenantDomains).where(eq(tenantDomains.hostname, hostname)).limit(1)
  if (existing) {
    throw hostnameIssue(409, 'CONFLICT', existing.tenantId === tenant.id ? 'is already added to this workspace' : 'is already in use by another workspace')
  }

  await providerAddDomain(hostname)
  let row: TenantDomain
  try {
    row = await run(async (scope) => {
      const [inserted] = await scope.tx.insert(tenantDomains).values({
        tenantId: tenant.id,
        hostname,
        kind: 'custom',
        verificationToken: `atrium-verify-${randomBytes(16).toString('hex')}`,
      }).onConflictDoNothing({ target: tenantDomains.hostname }).returning()
      // Claimed by someone else between the check above and now: theirs stays at the provider too.
      if (!inserted) throw hostnameIssue(409, 'CONFLICT', 'is already in use by another workspace')
      await scope.audit({ action: 'domain.added', entityType: 'domain', entityId: inserted.id, after: { hostname } })
      return inserted
    })
  }
  catch (error) {
    if ((error as { data?: { code?: string } }).data?.code !== 'CONFLICT') await providerRemoveDomain(hostname, { quiet: true })
    throw error
  }
  await invalidateHost(hostname)
  return toRow(row, cnameTarget())
}

/** Looks for the token in the TXT records at _atrium-challenge.<hostname>. */
async function checkDns(hostname: string, token: string): Promise<{ verified: boolean, error: string | null }> {
  const name = `${CHALLENGE_LABEL}.${hostname}`
  const found = await lookupTxt(name)
  if (!found.ok) return { verified: false, error: `Looking up ${name}: ${found.error}.` }
  if (found.records.includes(token)) return { verified: true, error: null }
  const seen = found.records.map(r => `"${r.slice(0, 80)}"`).join(', ')
  return { verified: false, error: `The TXT record at ${name} does not hold this domain's token (found ${seen || 'nothing'}).` }
}

/** "Verify now": checks DNS, records the outcome (audited either way); a verified host serves at once. */
export async function verifyDomain(run: TenantRunner, tenant: TenantContext, id: string): Promise<CustomDomainRow> {
  requireCustomDomainsPlan(tenant)
  const target = cnameTarget()
  const current = await run(scope => domainOf(scope, id))
  if (current.kind !== 'custom') throw notFound('No such domain')
  if (current.verifiedAt) return toRow(current, target)

  const result = await checkDns(current.hostname, current.verificationToken ?? '')
  const row = await run(async (scope) => {
    const [updated] = await scope.tx.update(tenantDomains)
      .set({ lastCheckedAt: new Date(), lastCheckError: result.error, ...(result.verified ? { verifiedAt: new Date() } : {}) })
      .where(scope.where(tenantDomains, eq(tenantDomains.id, id), isNull(tenantDomains.verifiedAt)))
      .returning()
    if (!updated) throw notFound('No such domain')
    await scope.audit({
      action: result.verified ? 'domain.verified' : 'domain.check_failed',
      entityType: 'domain',
      entityId: id,
      after: { hostname: updated.hostname, error: result.error },
    })
    return updated
  })
  if (result.verified) await invalidateHost(row.hostname)
  return toRow(row, target)
}

/** Makes the built-in address or a verified custom domain the primary one; answers the overview as it is then. */
export async function setPrimaryDomain(run: TenantRunner, id: string): Promise<DomainsOverview> {
  const { tenantId, overview } = await run(async (scope) => {
    const tenant = scope.tenant
    const chosen = await domainOf(scope, id)
    if (chosen.kind === 'custom') {
      requireCustomDomainsPlan(tenant)
      if (!chosen.verifiedAt) throw apiError(409, 'CONFLICT', `${chosen.hostname} is not verified yet: only a verified domain can be primary`)
    }
    const [before] = await scope.tx.select({ hostname: tenantDomains.hostname }).from(tenantDomains)
      .where(scope.where(tenantDomains, eq(tenantDomains.isPrimary, true))).limit(1)
    // Unset first: at most one primary per tenant is a unique index.
    await scope.tx.update(tenantDomains).set({ isPrimary: false }).where(scope.where(tenantDomains, eq(tenantDomains.isPrimary, true)))
    await scope.tx.update(tenantDomains).set({ isPrimary: true }).where(scope.where(tenantDomains, eq(tenantDomains.id, id)))
    await scope.audit({ action: 'domain.primary_set', entityType: 'domain', entityId: id, before: { primary: before?.hostname ?? null }, after: { primary: chosen.hostname } })
    return { tenantId: tenant.id, overview: await domainsOverview(scope) }
  })
  await invalidateTenant(tenantId)
  return overview
}

/** Removes a custom domain (at the provider first, so a refusal there changes nothing here). */
export async function removeDomain(run: TenantRunner, tenant: TenantContext, id: string): Promise<void> {
  const row = await run(scope => domainOf(scope, id))
  if (row.kind !== 'custom') throw apiError(409, 'CONFLICT', 'The built-in address cannot be removed')
  await providerRemoveDomain(row.hostname)
  await run(async (scope) => {
    const [deleted] = await scope.tx.delete(tenantDomains).where(scope.where(tenantDomains, eq(tenantDomains.id, id), eq(tenantDomains.kind, 'custom'))).returning()
    if (!deleted) throw notFound('No such domain')
    // The built-in address takes over as primary, so the tenant always has one.
    if (deleted.isPrimary) {
      await scope.tx.update(tenantDomains).set({ isPrimary: true }).where(scope.where(tenantDomains, eq(tenantDomains.kind, 'subdomain')))
    }
    await scope.audit({ action: 'domain.removed', entityType: 'domain', entityId: id, before: { hostname: deleted.hostname, primary: deleted.isPrimary, verified: !!deleted.verifiedAt } })
  })
  await invalidateHost(row.hostname)
  await invalidateTenant(tenant.id)
}

/** Turns the "redirect other hosts to the primary domain" switch on or off. */
export async function setRedirectToPrimary(run: TenantRunner, enabled: boolean): Promise<{ redirectToPrimary: boolean }> {
  const tenantId = await run(async (scope) => {
    const tenant = scope.tenant
    await scope.tx.update(tenants).set({ redirectToPrimary: enabled }).where(eq(tenants.id, tenant.id))
    await scope.audit({ action: 'settings.redirect_to_primary_updated', entityType: 'tenant', entityId: tenant.id, before: { enabled: tenant.redirectToPrimary }, after: { enabled } })
    return tenant.id
  })
  await invalidateTenant(tenantId)
  return { redirectToPrimary: enabled }
}

/**
 * The automatic re-check of pending custom domains (the `domains-recheck` job of
 * server/utils/jobs.ts, every five minutes). One statement claims the due domains — not checked for
 * `domainRecheckMinutes` — by stamping `last_checked_at`, with FOR UPDATE SKIP LOCKED, so two
 * instances running at once claim different domains and none is checked twice in an interval.
 */
export async function recheckPendingDomains(limit = 100): Promise<{ checked: number, verified: string[] }> {
  const minutes = Number(useRuntimeConfig().domainRecheckMinutes) || 5
  const db = await useDb()
  const due = db.select({ id: tenantDomains.id }).from(tenantDomains)
    .where(and(
      eq(tenantDomains.kind, 'custom'),
      isNull(tenantDomains.verifiedAt),
      or(isNull(tenantDomains.lastCheckedAt), lt(tenantDomains.lastCheckedAt, new Date(Date.now() - minutes * 60_000))),
    ))
    .orderBy(sql`${tenantDomains.lastCheckedAt} asc nulls first`)
    .limit(limit)
    .for('update', { skipLocked: true })
  const claimed = await db.update(tenantDomains).set({ lastCheckedAt: new Date() }).where(inArray(tenantDomains.id, due)).returning()

  const verified: string[] = []
  for (const domain of claimed) {
    const result = await checkDns(domain.hostname, domain.verificationToken ?? '')
    const changed = await runInTenant(domain.tenantId, async (scope) => {
      const [row] = await scope.tx.update(tenantDomains)
        .set({ lastCheckedAt: new Date(), lastCheckError: result.error, ...(result.verified ? { verifiedAt: new Date() } : {}) })
        .where(scope.where(tenantDomains, eq(tenantDomains.id, domain.id), isNull(tenantDomains.verifiedAt)))
        .returning()
      if (row && result.verified) {
        await scope.audit({ action: 'domain.verified', entityType: 'domain', entityId: row.id, after: { hostname: row.hostname, error: null } })
      }
      return row
    })
    if (changed && result.verified) {
      verified.push(domain.hostname)
      await invalidateHost(domain.hostname)
    }
  }
  return { checked: claimed.length, verified }
}

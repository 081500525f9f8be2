import type { H3Event } from 'h3'
import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { featureKillSwitches, plans, ssoConnections, tenantDomains, tenantFeatureOverrides, tenants } from '#drizzle/schema'
import { effectiveFeatures } from '#shared/features'
import type { PublicSite, TenantPublicProfile } from '#shared/site'
import { publicProfile } from '#shared/site'
import { DEFAULT_THEME, themeSchema } from '#shared/theme'
import { resolvePreferences } from '#shared/schemas/workspace'
import { themePalettes } from '#shared/palette'
import type { HostTarget } from './host'

/** The tenant as the server sees it: the public profile plus what pages never need to know. */
export interface TenantContext extends TenantPublicProfile {
  /** Requests per minute allowed to each API key (the plan's limit). */
  apiRequestsPerMinute: number
  /** API-key calls allowed per UTC day (the plan's limit); null = unlimited. */
  apiCallsPerDay: number | null
  /** Every member must use two-factor sign-in. */
  requireMfa: boolean
  /** CIDR ranges allowed to reach this workspace; empty = anywhere. */
  ipAllowlist: string[]
  /** The full hostname of the primary domain (built-in subdomain or a verified custom domain). */
  primaryHost: string | null
  /** HTML navigations on the tenant's other hosts redirect to the primary one. */
  redirectToPrimary: boolean
}

/** Used where a plan sets no API rate. */
export const DEFAULT_API_REQUESTS_PER_MINUTE = 60

/** What the tenant middleware decided for a request. */
export type SiteResolution
  = | { kind: 'platform' }
    | { kind: 'tenant', tenant: TenantContext, cache: 'hit' | 'miss' }
    | { kind: 'invalid', reason: string }
    | { kind: 'unknown' }

/** The cached form of a tenant: raw feature layers, so a kill switch applies without flushing tenants. */
interface CachedTenant extends Omit<TenantContext, 'features' | 'poweredBy'> {
  planFeatures: string[]
  overrides: Record<string, boolean>
}

/** The platform domain from config, normalised. */
export function platformDomain(_event?: H3Event): string {
  // The shared config (env applied once at start): the per-event copy costs a deep clone per request.
  return String(useRuntimeConfig().platformDomain || 'localhost').toLowerCase().replace(/\.$/, '')
}

/** The platform's own name, shown on the platform domain and in "powered by" lines. */
export function platformName(_event?: H3Event): string {
  return String(useRuntimeConfig().platformName || 'Atrium')
}

/**
 * Where links in mails sent without a request (jobs) point: the workspace's primary domain, or its
 * subdomain of the platform. (Mails sent while answering a request use that request's host.)
 */
export function workspaceOrigin(tenant: Pick<TenantContext, 'primaryHost' | 'slug'>): string {
  return `https://${tenant.primaryHost ?? `${tenant.slug}.${platformDomain()}`}`
}

/** A tenant_domains row as a full hostname: a subdomain label gets the platform domain appended. */
export function fullHostname(row: { hostname: string, kind: 'subdomain' | 'custom' }, event?: H3Event): string {
  return row.kind === 'subdomain' ? `${row.hostname}.${platformDomain(event)}` : row.hostname
}

/** Host → platform, tenant, unknown or invalid. Warm: cache reads only, no SQL. */
export async function resolveSite(event: H3Event): Promise<SiteResolution> {
  const parsed = normalizeHost(requestHost(event))
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason }
  const target = classifyHost(parsed.hostname, parsed.isIp, platformDomain(event))
  if (target.kind === 'platform') return { kind: 'platform' }
  if (target.kind === 'none') return { kind: 'unknown' }

  const found = await tenantIdForTarget(parsed.hostname, target)
  if (!found) return { kind: 'unknown' }
  const { tenantId } = found
  let hit = found.hit

  // Profile and kill switches in parallel: two cache round trips on a warm hit, not three.
  const [hitProfile, killed] = await Promise.all([
    tenantCache().getItem<CachedTenant>(cacheKeys.tenant(tenantId)),
    killSwitches(),
  ])
  let cached = hitProfile
  if (!cached) {
    hit = false
    cached = await loadTenant(tenantId)
    if (!cached) {
      await tenantCache().removeItem(cacheKeys.host(parsed.hostname))
      return { kind: 'unknown' }
    }
    await tenantCache().setItem(cacheKeys.tenant(tenantId), cached)
  }

  return { kind: 'tenant', tenant: withFeatures(cached, killed, event), cache: hit ? 'hit' : 'miss' }
}

/** The request-time profile from the cached one: effective features and the "powered by" line. */
function withFeatures(cached: CachedTenant, killed: string[], event?: H3Event): TenantContext {
  const { planFeatures, overrides, ...profile } = cached
  const features = effectiveFeatures(planFeatures, overrides, killed)
  // Hidden only where the tenant chose so and its plan allows it.
  const poweredBy = features.remove_branding && cached.theme.hidePoweredBy ? null : platformName(event)
  return { ...profile, features, poweredBy }
}

/** A tenant's profile by id, from the same cache as requests, for work with no request behind it (jobs); null when it is gone. */
export async function tenantById(tenantId: string): Promise<TenantContext | null> {
  const [hitProfile, killed] = await Promise.all([tenantCache().getItem<CachedTenant>(cacheKeys.tenant(tenantId)), killSwitches()])
  let cached = hitProfile
  if (!cached) {
    cached = await loadTenant(tenantId)
    if (!cached) return null
    await tenantCache().setItem(cacheKeys.tenant(tenantId), cached)
  }
  return withFeatures(cached, killed)
}

/**
 * Whether a host name (as Caddy's on-demand TLS asks) is served by a tenant: a tenant's
 * subdomain, or a verified custom domain. From the cache on a hit; no SQL then.
 */
export async function hostServesTenant(raw: string, event?: H3Event): Promise<boolean> {
  const parsed = normalizeHost(raw)
  if (!parsed.ok) return false
  const target = classifyHost(parsed.hostname, parsed.isIp, platformDomain(event))
  if (target.kind === 'platform' || target.kind === 'none') return false
  const key = cacheKeys.host(parsed.hostname)
  if (await askCache().hasItem(key)) return true
  // A known miss is answered locally too (the miss cache is dropped on every instance when a domain is added).
  if (await missCache().hasItem(key)) return false
  const found = !!(await tenantIdForTarget(parsed.hostname, target))
  if (found) await askCache().setItem(key, 1)
  return found
}

/** host → tenant id through the shared cache, the local miss cache, then the database. */
async function tenantIdForTarget(hostname: string, target: Exclude<HostTarget, { kind: 'platform' | 'none' }>): Promise<{ tenantId: string, hit: boolean } | null> {
  const hostKey = cacheKeys.host(hostname)
  const cachedId = await tenantCache().getItem<string>(hostKey)
  if (cachedId) return { tenantId: cachedId, hit: true }
  if (await missCache().hasItem(hostKey)) return null
  const tenantId = await findTenantIdByHost(target)
  if (!tenantId) {
    await missCache().setItem(hostKey, 1)
    return null
  }
  await tenantCache().setItem(hostKey, tenantId)
  return { tenantId, hit: false }
}

async function findTenantIdByHost(target: Exclude<HostTarget, { kind: 'platform' | 'none' }>): Promise<string | null> {
  const db = await useDb()
  const condition = target.kind === 'subdomain'
    ? and(eq(tenantDomains.hostname, target.label), eq(tenantDomains.kind, 'subdomain'))
    : and(eq(tenantDomains.hostname, target.hostname), eq(tenantDomains.kind, 'custom'), isNotNull(tenantDomains.verifiedAt))
  // A soft-deleted tenant answers on none of its hosts: to a visitor it is an unknown host.
  const [row] = await db.select({ tenantId: tenantDomains.tenantId }).from(tenantDomains)
    .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
    .where(and(condition, isNull(tenants.deletedAt))).limit(1)
  return row?.tenantId ?? null
}

async function loadTenant(tenantId: string): Promise<CachedTenant | null> {
  const db = await useDb()
  const [row] = await db
    .select({ tenant: tenants, plan: { key: plans.key, name: plans.name, features: plans.features, limits: plans.limits } })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(and(eq(tenants.id, tenantId), isNull(tenants.deletedAt)))
    .limit(1)
  if (!row) return null

  const [primary] = await db.select({ hostname: tenantDomains.hostname, kind: tenantDomains.kind })
    .from(tenantDomains).where(and(eq(tenantDomains.tenantId, tenantId), eq(tenantDomains.isPrimary, true))).limit(1)

  const [overrideRows, sso] = await runInTenant(tenantId, scope => Promise.all([
    scope.tx.select({ key: tenantFeatureOverrides.featureKey, enabled: tenantFeatureOverrides.enabled })
      .from(tenantFeatureOverrides).where(scope.where(tenantFeatureOverrides)),
    scope.tx.select({ enabled: ssoConnections.enabled, required: ssoConnections.requireSso })
      .from(ssoConnections).where(scope.where(ssoConnections)).limit(1),
  ]))

  const parsedTheme = themeSchema.safeParse(row.tenant.theme)
  if (!parsedTheme.success) console.error(`[tenant] stored theme of ${row.tenant.slug} is invalid; using the default`)
  const theme = parsedTheme.success ? parsedTheme.data : DEFAULT_THEME

  return {
    id: row.tenant.id,
    slug: row.tenant.slug,
    name: row.tenant.name,
    status: row.tenant.status,
    plan: { key: row.plan.key, name: row.plan.name },
    theme,
    palettes: themePalettes(theme),
    preferences: resolvePreferences(row.tenant.preferences),
    sessionPolicy: { sessionIdleMinutes: row.tenant.sessionIdleMinutes, sessionMaxHours: row.tenant.sessionMaxHours },
    apiRequestsPerMinute: row.plan.limits.apiRequestsPerMinute ?? DEFAULT_API_REQUESTS_PER_MINUTE,
    apiCallsPerDay: row.plan.limits.apiCallsPerDay ?? null,
    requireMfa: row.tenant.requireMfa,
    ipAllowlist: row.tenant.ipAllowlist,
    primaryHost: primary ? fullHostname(primary) : null,
    redirectToPrimary: row.tenant.redirectToPrimary,
    signIn: { sso: !!sso[0]?.enabled, ssoRequired: !!sso[0]?.enabled && !!sso[0]?.required },
    planFeatures: row.plan.features,
    overrides: Object.fromEntries(overrideRows.map(o => [o.key, o.enabled])),
  }
}

async function killSwitches(): Promise<string[]> {
  const key = cacheKeys.killSwitches()
  const cached = await tenantCache().getItem<string[]>(key)
  if (cached) return cached
  const db = await useDb()
  const rows = await db.select({ key: featureKillSwitches.featureKey }).from(featureKillSwitches)
  const keys = rows.map(r => r.key)
  await tenantCache().setItem(key, keys)
  return keys
}

/** The site this request's host serves (platform or a tenant); 404 for an unknown host. */
export function requireSite(event: H3Event): NonNullable<H3Event['context']['site']> {
  const site = event.context.site
  if (!site) throw apiError(404, 'WORKSPACE_NOT_FOUND', 'No workspace at this address')
  return site
}

/** The current request's tenant; 404 on the platform domain or an unknown host. */
export function requireTenant(event: H3Event): TenantContext {
  const site = event.context.site
  if (site?.kind !== 'tenant') throw apiError(404, 'WORKSPACE_NOT_FOUND', 'No workspace at this address')
  return site.tenant
}

/** What pages may know about this request's site (serialised into the SSR payload). */
export function publicSite(event: H3Event): PublicSite | null {
  const site = event.context.site
  if (site?.kind === 'tenant') {
    return { kind: 'tenant', tenant: publicProfile(site.tenant) }
  }
  if (site?.kind === 'platform') return { kind: 'platform', name: platformName(event), domain: platformDomain(event) }
  return null
}

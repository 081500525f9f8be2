import type { H3Event } from 'h3'
import { and, eq } from 'drizzle-orm'
import { roles, ssoConnections, users } from '#drizzle/schema'
import type { SsoConnection } from '#drizzle/schema'
import { safeRedirectPath } from '#shared/redirect'
import type { SsoSettings, SsoSettingsInput } from '#shared/schemas/sso'
import type { TenantScope } from '#server/utils/tenant-db'
import { startSignedInSession } from './auth'

// Single sign-on with OpenID Connect, one connection per tenant. The callback is on the tenant's
// own host, so each tenant's identity provider sees that tenant's domain. Authorization code flow
// with PKCE, state and nonce; the flow's secrets travel in a sealed, HttpOnly, host-only cookie.

const FLOW_COOKIE = 'sso_flow'
const FLOW_SECONDS = 600

interface Flow { state: string, nonce: string, verifier: string, redirect: string, tenantId: string, at: number }

const callbackUrl = (event: H3Event) => `${requestOrigin(event)}/api/auth/sso/callback`

async function connection(scope: TenantScope): Promise<SsoConnection | null> {
  const [row] = await scope.tx.select().from(ssoConnections).where(scope.where(ssoConnections)).limit(1)
  return row ?? null
}

function toSettings(event: H3Event, row: SsoConnection | null): SsoSettings {
  return {
    configured: !!row,
    issuer: row?.issuer ?? '',
    clientId: row?.clientId ?? '',
    hasSecret: !!row,
    enabled: row?.enabled ?? false,
    defaultRoleKey: row?.defaultRoleKey ?? 'member',
    allowedDomains: row?.allowedDomains ?? [],
    requireSso: row?.requireSso ?? false,
    breakGlassUserId: row?.breakGlassUserId ?? null,
    callbackUrl: callbackUrl(event),
  }
}

/** What the admin screen shows: everything but the client secret. */
export async function getSsoSettings(event: H3Event): Promise<SsoSettings> {
  return toSettings(event, await withTenant(event, connection))
}

const invalid = (path: string, message: string) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${path} ${message}`, [{ path, message }])

/** Saves the connection (the secret sealed; kept when not sent), checked against this workspace's roles and members. */
export async function saveSsoSettings(event: H3Event, input: SsoSettingsInput): Promise<SsoSettings> {
  const tenant = requireTenant(event)
  const saved = await withTenant(event, async (scope) => {
    const before = await connection(scope)
    if (!before && !input.clientSecret) throw invalid('clientSecret', 'is required')
    const [role] = await scope.tx.select({ key: roles.key }).from(roles).where(scope.where(roles, eq(roles.key, input.defaultRoleKey))).limit(1)
    if (!role) throw invalid('defaultRoleKey', 'is not a role of this workspace')
    if (input.breakGlassUserId) {
      const [admin] = await scope.tx.select({ id: users.id }).from(users)
        .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
        .where(scope.where(users, eq(users.id, input.breakGlassUserId), eq(users.status, 'active'), eq(roles.key, 'admin'))).limit(1)
      if (!admin) throw invalid('breakGlassUserId', 'must be an active admin of this workspace')
    }
    const values = {
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEnc: input.clientSecret ? sealSecret(input.clientSecret) : before!.clientSecretEnc,
      enabled: input.enabled,
      defaultRoleKey: input.defaultRoleKey,
      allowedDomains: input.allowedDomains,
      requireSso: input.requireSso,
      breakGlassUserId: input.breakGlassUserId,
    }
    const [row] = await scope.tx.insert(ssoConnections).values(scope.values(ssoConnections, [values]))
      .onConflictDoUpdate({ target: ssoConnections.tenantId, set: values }).returning()
    const visible = (c: SsoConnection | null) => c && { issuer: c.issuer, clientId: c.clientId, enabled: c.enabled, defaultRoleKey: c.defaultRoleKey, allowedDomains: c.allowedDomains, requireSso: c.requireSso, breakGlassUserId: c.breakGlassUserId }
    await writeAudit(event, scope, { action: 'sso.config_updated', entityType: 'sso_connection', entityId: tenant.id, before: visible(before), after: { ...visible(row!), secretChanged: !!input.clientSecret } })
    return row!
  })
  await invalidateTenant(tenant.id)
  return toSettings(event, saved)
}

/** Removes the connection; password sign-in works for everyone again. */
export async function deleteSsoSettings(event: H3Event): Promise<void> {
  const tenant = requireTenant(event)
  await withTenant(event, async (scope) => {
    const removed = await scope.tx.delete(ssoConnections).where(scope.where(ssoConnections)).returning({ issuer: ssoConnections.issuer })
    if (!removed.length) throw notFound('Single sign-on is not set up')
    await writeAudit(event, scope, { action: 'sso.config_deleted', entityType: 'sso_connection', entityId: tenant.id, before: { issuer: removed[0]!.issuer } })
  })
  await invalidateTenant(tenant.id)
}

/** "Test connection": fetches the issuer's discovery document and says, in plain words, what is wrong. */
export async function testSsoConnection(event: H3Event, input: { issuer: string, clientId?: string, clientSecret?: string }) {
  const stored = await withTenant(event, connection)
  const clientId = input.clientId ?? stored?.clientId ?? 'connection-test'
  const secret = input.clientSecret ?? (stored ? openSecret(stored.clientSecretEnc) : 'connection-test')
  let result: { ok: true, issuer: string, authorizationEndpoint: string, tokenEndpoint: string } | { ok: false, problem: string }
  try {
    const config = await oidcConfiguration(input.issuer, clientId, secret, true)
    const meta = config.serverMetadata()
    const missing = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter(k => !meta[k as keyof typeof meta])
    result = missing.length
      ? { ok: false, problem: `The discovery document lacks ${missing.join(', ')}; this provider cannot be used for sign-in.` }
      : { ok: true, issuer: meta.issuer, authorizationEndpoint: String(meta.authorization_endpoint), tokenEndpoint: String(meta.token_endpoint) }
  }
  catch (error) {
    result = { ok: false, problem: plainOidcProblem(error) }
  }
  await withTenant(event, scope => writeAudit(event, scope, { action: 'sso.connection_tested', entityType: 'sso_connection', entityId: requireTenant(event).id, after: { issuer: input.issuer, ok: result.ok } }))
  return result
}

// --- The sign-in flow -----------------------------------------------------------------------------

async function enabledConnection(tenantId: string): Promise<SsoConnection> {
  const row = await runInTenant(tenantId, connection)
  if (!row?.enabled) throw apiError(404, 'NOT_FOUND', 'Single sign-on is not set up for this workspace')
  return row
}

/** Step 1: remember state, nonce and the PKCE verifier in a sealed cookie, and send the person to the IdP. */
export async function startSso(event: H3Event, redirect: string | undefined): Promise<string> {
  const tenant = requireTenant(event)
  const conn = await enabledConnection(tenant.id)
  const config = await oidcConfiguration(conn.issuer, conn.clientId, openSecret(conn.clientSecretEnc))
  const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), redirect: safeRedirectPath(redirect), tenantId: tenant.id, at: Date.now() }
  setCookie(event, FLOW_COOKIE, sealSecret(JSON.stringify(flow)), { httpOnly: true, sameSite: 'lax', secure: isHttps(event), path: '/api/auth/sso', maxAge: FLOW_SECONDS })
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(event),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  }).href
}

class SsoFailure extends Error {
  constructor(readonly reason: string, message: string) {
    super(message)
  }
}

function readFlow(event: H3Event, tenantId: string): Flow {
  const sealed = getCookie(event, FLOW_COOKIE)
  deleteCookie(event, FLOW_COOKIE, { path: '/api/auth/sso' })
  if (!sealed) throw new SsoFailure('flow_missing', 'The sign-in took too long or was started in another browser. Please try again.')
  let flow: Flow
  try {
    flow = JSON.parse(openSecret(sealed)) as Flow
  }
  catch {
    throw new SsoFailure('flow_tampered', 'The sign-in could not be verified. Please try again.')
  }
  if (flow.tenantId !== tenantId || Date.now() - flow.at > FLOW_SECONDS * 1000) throw new SsoFailure('flow_expired', 'The sign-in took too long. Please try again.')
  return flow
}

/** Finds the account for an IdP identity: by subject, then by email (linking it), else creates it. */
async function accountFor(event: H3Event, scope: TenantScope, conn: SsoConnection, claims: { sub: string, email: string, name: string }) {
  const subject = `${conn.issuer}|${claims.sub}`
  const [bySubject] = await scope.tx.select().from(users).where(scope.where(users, eq(users.ssoSubject, subject))).limit(1)
  const [byEmail] = bySubject ? [bySubject] : await scope.tx.select().from(users).where(scope.where(users, eq(users.email, claims.email))).limit(1)
  if (byEmail) {
    if (byEmail.status === 'deactivated') throw new SsoFailure('inactive', 'Your account in this workspace is deactivated. Ask an admin to reactivate it.')
    if (byEmail.ssoSubject !== subject || byEmail.status === 'invited') {
      await scope.tx.update(users).set({ ssoSubject: subject, status: 'active', name: byEmail.status === 'invited' ? claims.name : byEmail.name }).where(scope.where(users, eq(users.id, byEmail.id)))
    }
    return { id: byEmail.id, created: false }
  }
  const [role] = await scope.tx.select({ id: roles.id }).from(roles).where(scope.where(roles, eq(roles.key, conn.defaultRoleKey))).limit(1)
  if (!role) throw new SsoFailure('no_default_role', 'Single sign-on is misconfigured (its default role no longer exists). Ask an admin.')
  try {
    await assertSeatsAvailable(scope, scope.tenantId, 1)
  }
  catch {
    throw new SsoFailure('no_seat', 'This workspace has no seat left on its plan for a new account. Ask an admin.')
  }
  const [created] = await scope.tx.insert(users).values(scope.values(users, [{ email: claims.email, name: claims.name, roleId: role.id, status: 'active' as const, ssoSubject: subject }]))
    .returning({ id: users.id })
  await writeAudit(event, scope, { action: 'member.joined_by_sso', entityType: 'user', entityId: created!.id, after: { email: claims.email, role: conn.defaultRoleKey }, actor: { type: 'user', id: created!.id } })
  return { id: created!.id, created: true }
}

/**
 * Step 2: the IdP sends the person back with a code. The state, nonce, PKCE verifier, issuer and
 * audience are all checked (openid-client); the account is found, linked or created; a session starts.
 */
export async function finishSso(event: H3Event): Promise<{ token: string, redirect: string } | { failed: string }> {
  const tenant = requireTenant(event)
  try {
    const flow = readFlow(event, tenant.id)
    const conn = await enabledConnection(tenant.id).catch(() => {
      throw new SsoFailure('disabled', 'Single sign-on is not set up for this workspace.')
    })
    const config = await oidcConfiguration(conn.issuer, conn.clientId, openSecret(conn.clientSecretEnc))
    const here = new URL(`${callbackUrl(event)}${event.path.includes('?') ? event.path.slice(event.path.indexOf('?')) : ''}`)
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
    try {
      tokens = await oidc.authorizationCodeGrant(config, here, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true })
    }
    catch (error) {
      const message = innermostMessage(error)
      const reason = /"state"/i.test(message) ? 'state_mismatch' : /"nonce"/i.test(message) ? 'nonce_mismatch' : /"aud"/i.test(message) ? 'audience_mismatch' : /"iss"/i.test(message) ? 'issuer_mismatch' : 'token_exchange_failed'
      throw new SsoFailure(reason, reason === 'token_exchange_failed' ? plainOidcProblem(error) : 'The identity provider\'s answer did not check out, so you were not signed in. Please try again.')
    }
    const idClaims = tokens.claims()!
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
    const email = String(info.email ?? idClaims.email ?? '').trim().toLowerCase()
    if (!email || (info.email_verified ?? idClaims.email_verified) === false) throw new SsoFailure('email_unverified', 'Your identity provider did not share a verified email address.')
    const domain = email.split('@')[1] ?? ''
    if (conn.allowedDomains.length && !conn.allowedDomains.includes(domain)) throw new SsoFailure('domain_not_allowed', `Accounts from ${domain} cannot sign in to this workspace.`)
    const name = String(info.name ?? idClaims.name ?? email.split('@')[0]).slice(0, 120)

    const account = await runInTenant(tenant.id, scope => accountFor(event, scope, conn, { sub: idClaims.sub, email, name }))
    const session = await startSignedInSession(event, account.id, { sso: conn.issuer, created: account.created })
    return { token: session.token, redirect: flow.redirect }
  }
  catch (error) {
    if (!(error instanceof SsoFailure)) throw error
    await runInTenant(tenant.id, scope => writeAudit(event, scope, { action: 'auth.sso_failed', entityType: 'sso_connection', entityId: tenant.id, after: { reason: error.reason }, actor: { type: 'anonymous' } }))
    return { failed: error.message }
  }
}

/** Password sign-in where SSO is required: only the break-glass admin may. */
export async function assertPasswordSignInAllowed(tenantId: string, userId: string): Promise<void> {
  const row = await runInTenant(tenantId, connection)
  if (row?.enabled && row.requireSso && row.breakGlassUserId !== userId) {
    throw apiError(403, 'SSO_REQUIRED', 'This workspace signs in with single sign-on. Use "Sign in with SSO".')
  }
}

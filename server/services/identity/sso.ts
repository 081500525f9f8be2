import { and, eq } from 'drizzle-orm'
import { roles, ssoConnections, users } from '#drizzle/schema'
import type { SsoConnection } from '#drizzle/schema'
import { safeRedirectPath } from '#shared/redirect'
import type { SsoSettings, SsoSettingsInput } from '#shared/schemas/sso'
import type { SignInRequest } from '#server/utils/sign-in'
import type { TenantScope } from '#server/utils/tenant-db'
import { startSignedInSession } from './session-start'
import { memberForEvent } from './members'

// Single sign-on with OpenID Connect, one connection per tenant. The callback is on the tenant's
// own host, so each tenant's identity provider sees that tenant's domain. Authorization code flow
// with PKCE, state and nonce; the flow's secrets travel in a sealed, HttpOnly, host-only cookie
// (server/utils/sso-flow.ts sets and takes it, and knows this host's callback address).

interface Flow { state: string, nonce: string, verifier: string, redirect: string, tenantId: string, at: number }

async function connection(scope: TenantScope): Promise<SsoConnection | null> {
  const [row] = await scope.tx.select().from(ssoConnections).where(scope.where(ssoConnections)).limit(1)
  return row ?? null
}

function toSettings(row: SsoConnection | null, callbackUrl: string): SsoSettings {
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
    callbackUrl,
  }
}

/** What the admin screen shows: everything but the client secret (`callbackUrl`: this host's, `ssoCallbackUrl`). */
export async function getSsoSettings(scope: TenantScope, callbackUrl: string): Promise<SsoSettings> {
  return toSettings(await connection(scope), callbackUrl)
}

const invalid = (path: string, message: string) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${path} ${message}`, [{ path, message }])

/**
 * Saves the connection (the secret sealed; kept when not sent), checked against this workspace's
 * roles and members. The caller invalidates the cached tenant once this has committed.
 */
export async function saveSsoSettings(scope: TenantScope, input: SsoSettingsInput, callbackUrl: string): Promise<SsoSettings> {
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
  await scope.audit({ action: 'sso.config_updated', entityType: 'sso_connection', entityId: scope.tenantId, before: visible(before), after: { ...visible(row!), secretChanged: !!input.clientSecret } })
  return toSettings(row!, callbackUrl)
}

/** Removes the connection; password sign-in works for everyone again. The caller invalidates the cached tenant after the commit. */
export async function deleteSsoSettings(scope: TenantScope): Promise<void> {
  const removed = await scope.tx.delete(ssoConnections).where(scope.where(ssoConnections)).returning({ issuer: ssoConnections.issuer })
  if (!removed.length) throw notFound('Single sign-on is not set up')
  await scope.audit({ action: 'sso.config_deleted', entityType: 'sso_connection', entityId: scope.tenantId, before: { issuer: removed[0]!.issuer } })
}

/**
 * "Test connection": fetches the issuer's discovery document and says, in plain words, what is wrong.
 * One transaction: the stored connection is read and the test audited in it (the discovery fetch,
 * bounded by its timeout, runs in between; a rare admin action).
 */
export async function testSsoConnection(scope: TenantScope, input: { issuer: string, clientId?: string, clientSecret?: string }) {
  const stored = await connection(scope)
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
  await scope.audit({ action: 'sso.connection_tested', entityType: 'sso_connection', entityId: scope.tenantId, after: { issuer: input.issuer, ok: result.ok } })
  return result
}

// --- The sign-in flow -----------------------------------------------------------------------------

async function enabledConnection(tenantId: string): Promise<SsoConnection> {
  const row = await runInTenant(tenantId, connection)
  if (!row?.enabled) throw apiError(404, 'NOT_FOUND', 'Single sign-on is not set up for this workspace')
  return row
}

/**
 * Step 1: state, nonce and the PKCE verifier, sealed for the flow cookie (the caller sets it,
 * `setSsoFlowCookie`), and the identity provider's address to send the person to.
 */
export async function startSso(tenantId: string, redirect: string | undefined, callbackUrl: string): Promise<{ url: string, sealedFlow: string }> {
  const conn = await enabledConnection(tenantId)
  const config = await oidcConfiguration(conn.issuer, conn.clientId, openSecret(conn.clientSecretEnc))
  const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), redirect: safeRedirectPath(redirect), tenantId, at: Date.now() }
  const sealedFlow = sealSecret(JSON.stringify(flow))
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  }).href
  return { url, sealedFlow }
}

class SsoFailure extends Error {
  constructor(readonly reason: string, message: string) {
    super(message)
  }
}

function readFlow(sealed: string | undefined, tenantId: string): Flow {
  if (!sealed) throw new SsoFailure('flow_missing', 'The sign-in took too long or was started in another browser. Please try again.')
  let flow: Flow
  try {
    flow = JSON.parse(openSecret(sealed)) as Flow
  }
  catch {
    throw new SsoFailure('flow_tampered', 'The sign-in could not be verified. Please try again.')
  }
  if (flow.tenantId !== tenantId || Date.now() - flow.at > SSO_FLOW_SECONDS * 1000) throw new SsoFailure('flow_expired', 'The sign-in took too long. Please try again.')
  return flow
}

/** Finds the account for an IdP identity: by subject, then by email (linking it), else creates it. */
async function accountFor(scope: TenantScope, conn: SsoConnection, claims: { sub: string, email: string, name: string }) {
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
  await scope.audit({ action: 'member.joined_by_sso', entityType: 'user', entityId: created!.id, after: { email: claims.email, role: conn.defaultRoleKey }, actor: { type: 'user', id: created!.id } })
  await scope.emit('member.joined', { member: await memberForEvent(scope, created!.id) })
  return { id: created!.id, created: true }
}

/**
 * Step 2: the IdP sends the person back with a code. The state, nonce, PKCE verifier, issuer and
 * audience are all checked (openid-client); the account is found, linked or created; a session starts.
 * `callback` is what the request brought: the sealed flow cookie (`takeSsoFlowCookie`) and the
 * callback address as reached, with its query (`ssoCallbackHere`). A failure is audited in a
 * transaction of its own, which commits although the sign-in is refused.
 */
export async function finishSso(request: SignInRequest, callback: { sealedFlow: string | undefined, url: string }): Promise<{ token: string, redirect: string } | { failed: string }> {
  const tenant = request.tenant
  try {
    const flow = readFlow(callback.sealedFlow, tenant.id)
    const conn = await enabledConnection(tenant.id).catch(() => {
      throw new SsoFailure('disabled', 'Single sign-on is not set up for this workspace.')
    })
    const config = await oidcConfiguration(conn.issuer, conn.clientId, openSecret(conn.clientSecretEnc))
    const here = new URL(callback.url)
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

    const account = await runInTenant(tenant.id, scope => accountFor(scope, conn, { sub: idClaims.sub, email, name }), request)
    const session = await startSignedInSession(request, account.id, { sso: conn.issuer, created: account.created })
    return { token: session.token, redirect: flow.redirect }
  }
  catch (error) {
    if (!(error instanceof SsoFailure)) throw error
    await runInTenant(tenant.id, scope => scope.audit({ action: 'auth.sso_failed', entityType: 'sso_connection', entityId: tenant.id, after: { reason: error.reason }, actor: { type: 'anonymous' } }), request)
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

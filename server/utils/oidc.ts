import * as oidc from 'openid-client'
import { isLoopbackIssuer } from '#shared/schemas/sso'
import { guardedFetch } from './outbound'

// OpenID Connect client plumbing (openid-client): discovery, cached per issuer and client for a
// few minutes on each instance, so a sign-in costs no extra round trip to the IdP's metadata.
const DISCOVERY_TTL_MS = 10 * 60_000
const discovered = new Map<string, { at: number, config: Promise<oidc.Configuration> }>()

/** The IdP's configuration for this client, from its discovery document. */
export function oidcConfiguration(issuer: string, clientId: string, clientSecret: string, fresh = false): Promise<oidc.Configuration> {
  const key = `${issuer}|${clientId}|${hashToken(clientSecret)}`
  const hit = discovered.get(key)
  if (hit && !fresh && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config
  // Every request to the IdP (discovery, token, keys) goes through the outbound guard: the issuer
  // is a tenant's choice, so it may not point the platform at a private address.
  const config = oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, {
    execute: isLoopbackIssuer(issuer) ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
    [oidc.customFetch]: guardedFetch as oidc.CustomFetch,
  })
  discovered.set(key, { at: Date.now(), config })
  config.catch(() => discovered.delete(key))
  return config
}

/** An error and its causes, outermost first (openid-client and fetch wrap the useful part). */
type ErrorLink = { code?: string, message?: string, error?: string, error_description?: string }
function causes(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = []
  for (let e = error as { cause?: unknown } | undefined, i = 0; e && typeof e === 'object' && i < 5; e = e.cause as typeof e, i++) chain.push(e as never)
  return chain
}

/** The most specific message in an error's chain (for telling state, nonce and audience failures apart). */
export const innermostMessage = (error: unknown) => causes(error).map(c => c.message).filter(Boolean).at(1) ?? (error as Error)?.message ?? ''

/** What went wrong with an IdP, in words a workspace admin can act on. */
export function plainOidcProblem(error: unknown): string {
  const chain = causes(error)
  const refused = chain.find(c => (c as { name?: string }).name === 'OutboundRefused')
  if (refused) return `The issuer URL ${refused.message}.`
  const code = chain.map(c => c.code).find(c => c && !c.startsWith('OAUTH_')) ?? ''
  const text = chain.map(c => c.message ?? '').join(' | ')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The issuer\'s host name could not be found. Check the issuer URL.'
  if (code === 'ECONNREFUSED') return 'Nothing answered at the issuer\'s address. Check the URL and that the identity provider is running.'
  if (/ETIMEDOUT|TIMEOUT/.test(code) || /timed? ?out|aborted/i.test(text)) return 'The identity provider did not answer in time.'
  if (/"issuer"|issuer.*(mismatch|match)/i.test(text)) return 'The discovery document names a different issuer than the URL you entered. Use exactly the issuer the provider publishes.'
  if (chain.some(c => c.error === 'invalid_client')) return 'The identity provider refused the client id or secret.'
  if (/"aud"|audience/i.test(text)) return 'The identity provider issued a token for a different application (audience mismatch).'
  if (/JSON|content-type|unexpected HTTP|status code|404/i.test(text)) return 'No OpenID discovery document was found at <issuer>/.well-known/openid-configuration. Check the issuer URL.'
  return chain.find(c => c.error_description)?.error_description ?? chain.at(-1)?.message ?? 'The identity provider answered in a way we could not use.'
}

export { oidc }

import { generateKeyPairSync } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import Provider from 'oidc-provider'
import { SignJWT, importJWK, decodeJwt } from 'jose'

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 for the SSO tests. The person who "signs
 * in" at the IdP is chosen by the test (`idp.nextLogin = …`); the interaction completes without
 * a form. `idp.rogueAudience` makes it sign ID tokens for another client, with its real key, as
 * a misconfigured or malicious IdP would.
 */
export interface TestIdp {
  issuer: string
  clients: { id: string, secret: string }[]
  nextLogin: { sub: string, email: string, name: string, emailVerified?: boolean }
  rogueAudience: string | null
  close: () => Promise<void>
}

export async function startTestIdp(redirectUris: string[]): Promise<TestIdp> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const clients = [{ id: 'atrium-test', secret: 'atrium-test-secret-0123456789' }, { id: 'other-app', secret: 'other-app-secret-0123456789' }]

  const state: Pick<TestIdp, 'nextLogin' | 'rogueAudience'> = { nextLogin: { sub: 'nobody', email: 'nobody@example.test', name: 'Nobody' }, rogueAudience: null }
  const accounts = new Map<string, TestIdp['nextLogin']>()

  // Listen first so the issuer URL (with its port) is known before the provider is made.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => {}
  const server: Server = createServer((req, res) => handler(req, res))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const provider = new Provider(issuer, {
    clients: clients.map(c => ({ client_id: c.id, client_secret: c.secret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] })),
    jwks: { keys: [jwk as never] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub)
      if (!a) return undefined
      return { accountId: sub, claims: async () => ({ sub, email: a.email, email_verified: a.emailVerified ?? true, name: a.name }) }
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Redirect URIs on test hosts are plain http: allowed here only.
    clientBasedCORS: () => true,
  })
  provider.proxy = false

  // The "user signs in and consents" step, done for them: whoever the test named in nextLogin.
  const sign = await importJWK(jwk as never, 'RS256')
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path)
    if (match) {
      const details = await provider.interactionDetails(ctx.req, ctx.res)
      const who = state.nextLogin
      accounts.set(who.sub, who)
      const grant = new provider.Grant({ accountId: who.sub, clientId: String(details.params.client_id) })
      grant.addOIDCScope(String(details.params.scope))
      const grantId = await grant.save()
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: who.sub }, consent: { grantId } }, { mergeWithLastSubmission: false })
      return
    }
    await next()
    if (ctx.path === '/token' && state.rogueAudience && ctx.body && typeof ctx.body === 'object' && 'id_token' in ctx.body) {
      const body = ctx.body as { id_token: string }
      const claims = decodeJwt(body.id_token)
      body.id_token = await new SignJWT({ ...claims, aud: state.rogueAudience }).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(sign)
    }
  })
  handler = provider.callback()

  return {
    issuer,
    clients,
    get nextLogin() { return state.nextLogin },
    set nextLogin(v) { state.nextLogin = v },
    get rogueAudience() { return state.rogueAudience },
    set rogueAudience(v) { state.rogueAudience = v },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

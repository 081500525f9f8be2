import { z } from 'zod'

/** Plain-http issuers are accepted only on the loopback interface (development and tests). */
export function isLoopbackIssuer(issuer: string): boolean {
  try {
    const u = new URL(issuer)
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
  }
  catch {
    return false
  }
}

const domain = z.string().trim().toLowerCase().regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/, 'must be a domain like example.com')

const issuer = z.string().trim().max(500).url('must be a URL')
  .refine(v => v.startsWith('https://') || isLoopbackIssuer(v), 'must start with https://')
  .transform(v => v.replace(/\/+$/, ''))

/** PUT /api/settings/sso: the tenant's OpenID Connect connection. */
export const ssoSettingsSchema = z.object({
  issuer,
  clientId: z.string().trim().min(1, 'is required').max(200),
  /** Absent keeps the stored secret; it is never sent back. */
  clientSecret: z.string().min(1, 'is required').max(500).optional(),
  enabled: z.boolean(),
  defaultRoleKey: z.string().trim().min(1).max(64).default('member'),
  allowedDomains: z.array(domain).max(20).default([]),
  requireSso: z.boolean().default(false),
  breakGlassUserId: z.uuid('must be a member id').nullable().default(null),
}).strict()
  .refine(v => !v.requireSso || v.enabled, { message: 'needs single sign-on to be on', path: ['requireSso'] })
  .refine(v => !v.requireSso || v.breakGlassUserId, { message: 'name a break-glass admin who can still use a password', path: ['breakGlassUserId'] })

export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>

/** POST /api/settings/sso/test: checks an issuer (and the stored or given client) before saving. */
export const ssoTestSchema = z.object({ issuer, clientId: z.string().trim().min(1).max(200).optional(), clientSecret: z.string().min(1).max(500).optional() }).strict()

export const ssoStartQuerySchema = z.object({ redirect: z.string().max(500).optional() }).strict()
export const ssoCallbackQuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
  session_state: z.string().max(500).optional(),
}).strict()

export interface SsoSettings {
  configured: boolean
  issuer: string
  clientId: string
  hasSecret: boolean
  enabled: boolean
  defaultRoleKey: string
  allowedDomains: string[]
  requireSso: boolean
  breakGlassUserId: string | null
  /** The redirect URI to register at the identity provider: this workspace's own address. */
  callbackUrl: string
}

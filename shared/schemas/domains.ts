import { z } from 'zod'

/** The DNS name under a custom domain that holds its verification token in a TXT record. */
export const CHALLENGE_LABEL = '_atrium-challenge'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

export type CustomDomainParse = { ok: true, hostname: string } | { ok: false, message: string }

/**
 * A custom domain as typed by an admin → its normalised form (lower case, no trailing dot, IDN
 * as punycode), or a message saying what is wrong. Shared by the form (inline) and the API, which
 * also refuses the platform's own domain and names already claimed (it alone knows those).
 */
export function parseCustomDomain(raw: string): CustomDomainParse {
  const fail = (message: string): CustomDomainParse => ({ ok: false, message })
  let value = raw.trim().toLowerCase()
  if (!value) return fail('is required')
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value) || value.includes('/')) return fail('must be the domain name only, without https:// or a path')
  if (value.includes('*')) return fail('must not be a wildcard: add each domain on its own')
  if (value.startsWith('[') || (value.match(/:/g) ?? []).length > 1) return fail('must be a domain name, not an IP address')
  if (value.includes(':')) return fail('must not include a port')
  if (value.endsWith('.')) value = value.slice(0, -1)
  // A name ending in a number is taken for an IPv4 address by URL parsers (and browsers).
  if (IPV4.test(value) || /^(?:0x[0-9a-f]*|\d+)$/.test(value.split('.').at(-1)!)) return fail('must be a domain name, not an IP address')
  if (/[^\p{L}\p{N}.-]/u.test(value)) return fail('contains characters a domain name cannot have')
  let ascii: string
  try {
    // WHATWG URL does IDNA (UTS #46): "bücher.example" → "xn--bcher-kva.example".
    ascii = new URL(`http://${value}`).hostname
  }
  catch {
    return fail('is not a valid domain name')
  }
  if (ascii.length > 253) return fail('is too long (at most 253 characters)')
  const labels = ascii.split('.')
  if (labels.length < 2) return fail('must have at least two labels, like dash.example.com')
  if (!labels.every(l => LABEL.test(l))) return fail('is not a valid domain name')
  return { ok: true, hostname: ascii }
}

/** The hostname field, normalised, with the message of the first thing wrong. */
export const customHostnameSchema = z.string({ message: 'is required' }).max(300, 'is too long (at most 253 characters)').transform((value, ctx) => {
  const parsed = parseCustomDomain(value)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message })
    return z.NEVER
  }
  return parsed.hostname
})

/** POST /api/settings/domains. */
export const customDomainCreateSchema = z.object({ hostname: customHostnameSchema }).strict()

/** /api/settings/domains/:id routes. */
export const customDomainParamsSchema = z.object({ id: z.uuid('must be a domain id') })

/** PUT /api/settings/domains/redirect: other hosts redirect to the primary domain, or not. */
export const domainRedirectSchema = z.object({ enabled: z.boolean({ message: 'must be true or false' }) }).strict()

/** GET /api/tls/ask?domain=… (Caddy's on-demand TLS question). */
export const tlsAskQuerySchema = z.object({ domain: z.string().min(1, 'is required').max(300, 'is too long') })

export type DomainStatus = 'pending' | 'verified' | 'failed'

/** A custom domain as the settings page shows it, with the DNS records that verify and route it. */
export interface CustomDomainRow {
  id: string
  hostname: string
  status: DomainStatus
  isPrimary: boolean
  createdAt: string
  verifiedAt: string | null
  lastCheckedAt: string | null
  /** Why the last check failed, in plain words (null once verified or before the first check). */
  lastCheckError: string | null
  dns: {
    cname: { name: string, value: string }
    txt: { name: string, value: string }
  }
}

/** GET /api/settings/domains. */
export interface DomainsOverview {
  /** The workspace's built-in address, `<slug>.<platform domain>`: always there. */
  builtIn: { id: string, hostname: string, isPrimary: boolean }
  domains: CustomDomainRow[]
  redirectToPrimary: boolean
  /** The plan includes custom domains (adding and verifying them). */
  available: boolean
  /** Where a custom domain's CNAME points. */
  target: string
}

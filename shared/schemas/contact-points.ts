import { z } from 'zod'

// Websites, email addresses and phone numbers of records (accounts, contacts, leads): one check
// and one tidy form for the server's routes, the import and the pages' forms alike.

/**
 * A website as the CRM keeps it: the bare domain, lower-case, without `www.`, a path or a scheme
 * (`https://www.Example.com/about` → `example.com`), as HubSpot and Attio keep a company's domain.
 * Null when it is not a public web address: spaces, another scheme (`javascript:`), a user, a
 * port, an IP address or a name without a dot (`localhost`).
 */
export function websiteDomain(input: string): string | null {
  const text = input.trim()
  if (!text || /\s/.test(text) || text.length > 2000) return null
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)
  if (scheme && !/^https?$/i.test(scheme[1]!)) return null
  // "mailto:…", "javascript:…" or "host:port" without a scheme: nothing a website field holds.
  if (!scheme && text.includes(':')) return null
  let url: URL
  try {
    url = new URL(scheme ? text : `https://${text}`)
  }
  catch {
    return null
  }
  if (url.username || url.password || url.port) return null
  let host = url.hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('www.')) host = host.slice(4)
  const labels = host.split('.')
  if (host.length > 253 || labels.length < 2) return null
  if (!labels.every(l => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return null
  // The top-level domain is letters (or an IDN's punycode): this also refuses IP addresses.
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1)!) ? host : null
}

/**
 * A phone number as people write it: digits with spaces, `+` first, `( ) - . /`, and an optional
 * extension (`ext. 12`, `x12`); 5 to 15 digits before the extension (E.164 allows 15). Kept as
 * typed, spaces collapsed: without a country we cannot reformat it safely. Null when not a number.
 */
export function phoneNumber(input: string): string | null {
  const text = input.trim().replace(/\s+/g, ' ')
  const match = /^(\+?[\d ().\-/]+?)(?: ?(?:ext\.?|x|#) ?\d{1,6})?$/i.exec(text)
  if (!match) return null
  const digits = match[1]!.replace(/\D/g, '').length
  return digits >= 5 && digits <= 15 && text.length <= 40 ? text : null
}

const emailFormat = z.email()

/** An email address, trimmed and lower-cased; null when it is not one. */
export function emailAddress(input: string): string | null {
  const text = input.trim().toLowerCase()
  return text.length <= 254 && emailFormat.safeParse(text).success ? text : null
}

/** An optional field of this kind: empty is stored as null, anything else must pass `tidy`. */
function optional(tidy: (v: string) => string | null, message: string) {
  return z.string().max(2000, 'is too long').transform((value, ctx) => {
    if (!value.trim()) return null
    const tidied = tidy(value)
    if (tidied === null) ctx.addIssue({ code: 'custom', message, input: value })
    return tidied ?? z.NEVER
  }).nullable().optional()
}

export const WEBSITE_MESSAGE = 'must be a website address such as example.com'
export const EMAIL_MESSAGE = 'must be an email address such as name@example.com'
export const PHONE_MESSAGE = 'must be a phone number: digits, spaces and + ( ) - . only, such as +1 212 555 0100'

/** An account's website (`domain`): stored as its bare domain. */
export const optWebsite = () => optional(websiteDomain, WEBSITE_MESSAGE)
/** A person's email address: trimmed, lower-case. */
export const optEmail = () => optional(emailAddress, EMAIL_MESSAGE)
/** A phone number: kept as typed, spaces collapsed. */
export const optPhone = () => optional(phoneNumber, PHONE_MESSAGE)

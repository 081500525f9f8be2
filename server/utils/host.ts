import { domainToASCII } from 'node:url'

export type ParsedHost
  = | { ok: true, hostname: string, isIp: boolean }
    | { ok: false, reason: string }

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Normalises a Host header value: lower case, port and one trailing dot removed, IDN to
 * punycode, then length and character set checked. Anything doubtful is refused, never guessed.
 */
export function normalizeHost(raw: string | undefined | null): ParsedHost {
  const value = (raw ?? '').trim()
  if (!value) return { ok: false, reason: 'empty host' }
  if (value.length > 260) return { ok: false, reason: 'host too long' }

  // IPv6 literal: served by nobody but the platform's health checks.
  if (value.startsWith('[')) {
    const match = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(value)
    if (!match || (match[2] && !validPort(match[2]))) return { ok: false, reason: 'invalid host' }
    return { ok: true, hostname: `[${match[1]!.toLowerCase()}]`, isIp: true }
  }

  let host = value
  const colon = host.lastIndexOf(':')
  if (colon !== -1) {
    const port = host.slice(colon + 1)
    if (!validPort(port)) return { ok: false, reason: 'invalid port' }
    host = host.slice(0, colon)
  }
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (!host || host.length > 253) return { ok: false, reason: 'invalid host length' }
  if (/[^\p{L}\p{N}.-]/u.test(host)) return { ok: false, reason: 'invalid characters in host' }

  const ascii = domainToASCII(host)
  if (!ascii || ascii.length > 253) return { ok: false, reason: 'invalid host' }
  if (IPV4.test(ascii)) return { ok: true, hostname: ascii, isIp: true }
  if (!ascii.split('.').every(label => LABEL.test(label))) return { ok: false, reason: 'invalid host' }
  return { ok: true, hostname: ascii, isIp: false }
}

function validPort(port: string): boolean {
  if (!/^\d{1,5}$/.test(port)) return false
  const n = Number(port)
  return n >= 1 && n <= 65535
}

export type HostTarget
  = | { kind: 'platform' }
    | { kind: 'subdomain', label: string }
    | { kind: 'custom', hostname: string }
    | { kind: 'none' }

/** Classifies a normalised host against the platform domain. */
export function classifyHost(hostname: string, isIp: boolean, platformDomain: string): HostTarget {
  if (isIp) return { kind: 'none' }
  if (hostname === platformDomain || hostname === `www.${platformDomain}`) return { kind: 'platform' }
  const suffix = `.${platformDomain}`
  if (hostname.endsWith(suffix)) {
    const label = hostname.slice(0, -suffix.length)
    return label.includes('.') ? { kind: 'none' } : { kind: 'subdomain', label }
  }
  return { kind: 'custom', hostname }
}

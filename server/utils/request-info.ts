import type { H3Event } from 'h3'
import { getHeader, getRequestIP } from 'h3'
import { normalizeHost } from './host'

/** Last value of a comma-separated forwarding header: the one our own proxy appended or set. */
function lastForwarded(value: string | undefined): string | undefined {
  if (!value) return undefined
  const parts = value.split(',').map(p => p.trim()).filter(Boolean)
  return parts.at(-1)
}

/** Whether X-Forwarded-* may be believed (NUXT_TRUST_PROXY=true behind a proxy we run). */
export function trustsProxy(_event: H3Event): boolean {
  const value: unknown = useRuntimeConfig().trustProxy
  return value === true || value === 'true'
}

/** The host the client asked for; X-Forwarded-Host only when the proxy is trusted. */
export function requestHost(event: H3Event): string | undefined {
  if (trustsProxy(event)) {
    const forwarded = lastForwarded(getHeader(event, 'x-forwarded-host'))
    if (forwarded) return forwarded
  }
  return getHeader(event, 'host')
}

/**
 * Whether the client reached us over TLS: a TLS socket, or `X-Forwarded-Proto: https` (its last
 * value, the one our proxy set) when the proxy is trusted. Decides HSTS (utils/security-headers.ts).
 */
export function requestIsHttps(event: H3Event): boolean {
  if ((event.node.req.socket as { encrypted?: boolean } | undefined)?.encrypted) return true
  return trustsProxy(event) && lastForwarded(getHeader(event, 'x-forwarded-proto'))?.toLowerCase() === 'https'
}

/**
 * Whether the page's origin is one a browser counts as potentially trustworthy: HTTPS, or a
 * loopback host (`localhost`, `*.localhost`, 127.0.0.1, ::1). Cross-Origin-Opener-Policy works
 * only there; elsewhere (plain HTTP on another name) browsers ignore it with a console error.
 */
export function requestOriginTrustworthy(event: H3Event): boolean {
  if (requestIsHttps(event)) return true
  const host = normalizeHost(requestHost(event))
  if (!host.ok) return false
  return host.hostname === 'localhost' || host.hostname.endsWith('.localhost') || host.hostname === '127.0.0.1' || host.hostname === '[::1]'
}

/** The client's IP; X-Forwarded-For only when the proxy is trusted. */
export function clientIp(event: H3Event): string | undefined {
  if (trustsProxy(event)) {
    const forwarded = lastForwarded(getHeader(event, 'x-forwarded-for'))
    if (forwarded) return forwarded
  }
  return getRequestIP(event)
}

/**
 * A file rather than a page or an API call: build output, brand and font files, anything with a
 * file extension. The request figures (console and Prometheus) classify paths with it.
 */
export function isAssetPath(path: string): boolean {
  return path.startsWith('/_nuxt/') || path.startsWith('/__nuxt') || path.startsWith('/brands/') || path.startsWith('/fonts/')
    || path.startsWith('/assets/') || /\.(?:svg|png|ico|webp|jpg|css|js|woff2?|txt|map)$/.test(path)
}

/**
 * The client IP of the page request an in-process call belongs to. A page's own API calls during
 * server rendering (useFetch) go through Nitro's local fetch: no socket, so no address of their
 * own, and Nitro hands them the page request's context as `req.__unenv__`. Only such calls carry
 * it — nothing from the network can set it — so they act for the same visitor: the IP allowlist
 * and "your address" see the page's client rather than nobody.
 */
export function parentClientIp(event: H3Event): string | undefined {
  const parent = (event.node.req as { __unenv__?: { clientIp?: unknown } }).__unenv__
  return typeof parent?.clientIp === 'string' ? parent.clientIp : undefined
}

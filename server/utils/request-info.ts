import type { H3Event } from 'h3'
import { getHeader, getRequestIP } from 'h3'

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

/** The client's IP; X-Forwarded-For only when the proxy is trusted. */
export function clientIp(event: H3Event): string | undefined {
  if (trustsProxy(event)) {
    const forwarded = lastForwarded(getHeader(event, 'x-forwarded-for'))
    if (forwarded) return forwarded
  }
  return getRequestIP(event)
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

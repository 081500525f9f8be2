import { lookup } from 'node:dns/promises'
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import ipaddr from 'ipaddr.js'

/**
 * The one door for requests the platform makes to addresses a tenant chose (webhook endpoints, a
 * workspace's single sign-on provider; later HTTP actions). It stops server-side request forgery:
 * - the URL must be https (plain http only to an address the operator allowed);
 * - the name is resolved here, every address it resolves to must be public unicast (no private,
 *   loopback, link-local — cloud metadata lives there —, unique-local, carrier-grade NAT,
 *   multicast or reserved ranges), and the connection goes to the address that was checked, so a
 *   second lookup (DNS rebinding) cannot send it elsewhere;
 * - redirects are never followed: a 3xx is an answer like any other, and callers treat it as a
 *   refusal.
 * `outboundAllow` (runtime config) lists addresses or CIDR ranges let through anyway: tests name
 * 127.0.0.1 there, explicitly. Nothing is allowed by default in production; outside it, loopback is.
 */

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OutboundRefused'
  }
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

/** Parses "127.0.0.1, 10.0.0.0/8, ::1" into ranges; a bare address is a range of one. */
export function parseAllowList(raw: string): Range[] {
  return raw.split(',').map(s => s.trim()).filter(Boolean).map((entry) => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry) as Range
    const address = ipaddr.parse(entry)
    return [address, address.kind() === 'ipv4' ? 32 : 128] as Range
  })
}

function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address)
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed
}

/** Whether the operator's allow list names this address. */
export function isAllowListed(address: string, allow: Range[]): boolean {
  const parsed = normalise(address)
  return allow.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range as never, bits))
}

/** Why an address may not be reached, or null when it may (public unicast, or allow-listed). */
export function refusedAddress(address: string, allow: Range[]): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`
  if (isAllowListed(address, allow)) return null
  const range = normalise(address).range()
  return range === 'unicast' ? null : `${address} is a ${range} address, which outgoing requests may not reach`
}

/** Loopback (127.0.0.1, ::1) is let through outside production: a developer's identity provider or receiver on their own machine. */
const DEVELOPMENT_ALLOW = 'development-loopback'

let cachedAllow: { raw: string, ranges: Range[] } | undefined

function allowList(): Range[] {
  const configured = String(useRuntimeConfig().outboundAllow || '')
  const raw = process.env.NODE_ENV === 'production' ? configured : `${configured},${DEVELOPMENT_ALLOW}`
  if (cachedAllow?.raw !== raw) cachedAllow = { raw, ranges: parseAllowList(raw.replace(DEVELOPMENT_ALLOW, '127.0.0.0/8,::1')) }
  return cachedAllow.ranges
}

export interface CheckedTarget {
  url: URL
  /** The checked address the connection must go to. */
  address: string
  family: 4 | 6
}

/**
 * Checks a URL a tenant gave before anything is sent (and again at each send: DNS changes).
 * Throws OutboundRefused with a sentence a person can act on.
 */
export async function checkOutboundUrl(raw: string): Promise<CheckedTarget> {
  let url: URL
  try {
    url = new URL(raw)
  }
  catch {
    throw new OutboundRefused('is not a valid URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused('must be an https URL')
  if (url.username || url.password) throw new OutboundRefused('may not carry a user name or password')
  const allow = allowList()
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: { address: string, family: number }[]
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 }]
  }
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true })
    }
    catch {
      throw new OutboundRefused(`names a host that could not be found (${host})`)
    }
  }
  if (!addresses.length) throw new OutboundRefused(`names a host that could not be found (${host})`)
  // Every address must pass: a name that mixes a public and a private address is refused.
  for (const { address } of addresses) {
    const why = refusedAddress(address, allow)
    if (why) throw new OutboundRefused(`points at a private or reserved address: ${why}`)
  }
  if (url.protocol === 'http:' && !addresses.every(a => isAllowListed(a.address, allow))) {
    throw new OutboundRefused('must be an https URL')
  }
  const first = addresses[0]!
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 }
}

/** Checks a URL a person is saving, so they hear at once that it cannot be reached: 422 `URL_REFUSED` on `field`. */
export async function refuseUnreachableUrl(raw: string, field: string): Promise<void> {
  try {
    await checkOutboundUrl(raw)
  }
  catch (error) {
    if (!(error instanceof OutboundRefused)) throw error
    throw apiError(422, 'URL_REFUSED', `Invalid body: ${field} ${error.message}`, [{ path: field, message: error.message }])
  }
}

// Connections are kept open per checked address (a receiver gets many deliveries in a row): an
// agent per protocol, address and port, so a name that resolves elsewhere later gets a new one.
const agents = new Map<string, HttpAgent>()
function agentFor(target: CheckedTarget): HttpAgent {
  const key = `${target.url.protocol}//${target.address}:${target.url.port}|${target.url.hostname}`
  let agent = agents.get(key)
  if (!agent) {
    if (agents.size >= 500) {
      for (const old of agents.values()) old.destroy()
      agents.clear()
    }
    const options = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 30_000 }
    agent = target.url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options)
    agents.set(key, agent)
  }
  return agent
}

export interface OutboundAnswer {
  status: number
  headers: IncomingHttpHeaders
  /** The start of the body, at most `keepBytes` bytes, as text. */
  body: string
  durationMs: number
}

/**
 * Sends one request through the guard. Resolves with the answer (any status: the caller decides
 * what counts), rejects with OutboundRefused when the target is not allowed, or with the
 * network's error (timeout, refused connection, TLS). Redirects are returned, not followed.
 */
export async function outboundRequest(raw: string, init: { method?: string, headers?: Record<string, string>, body?: string | Uint8Array, timeoutMs?: number, keepBytes?: number } = {}): Promise<OutboundAnswer> {
  const target = await checkOutboundUrl(raw)
  const started = performance.now()
  const keep = init.keepBytes ?? 4096
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise<OutboundAnswer>((resolve, reject) => {
    const req = send(target.url, {
      agent: agentFor(target),
      method: init.method ?? 'POST',
      headers: { 'user-agent': 'Atrium/1', ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) },
      // Connect to the address that was checked, whatever a second lookup would say.
      lookup: (_host, options, callback) => {
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string, family: number }[]) => void)(null, [{ address: target.address, family: target.family }])
        else callback(null, target.address, target.family)
      },
    }, (res) => {
      const chunks: Buffer[] = []
      let kept = 0
      res.on('data', (chunk: Buffer) => {
        if (kept < keep) {
          chunks.push(chunk)
          kept += chunk.length
        }
        else {
          // Enough for the log: stop reading a large answer.
          res.destroy()
        }
      })
      const finish = () => {
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).subarray(0, keep).toString('utf8'),
          durationMs: Math.round(performance.now() - started),
        })
      }
      res.on('end', finish)
      res.on('close', finish)
      res.on('error', finish)
    })
    // The whole exchange, not only the silence between packets, must fit in the time allowed.
    const limit = init.timeoutMs ?? 15_000
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${Math.round(limit / 1000)} s`)), limit)
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    if (init.body !== undefined) req.write(init.body)
    req.end()
  })
}

/**
 * A `fetch` for libraries that call out to an address a tenant chose (openid-client's discovery,
 * token and JWKS requests for a workspace's single sign-on): the same guard, the answer read in full
 * up to 1 MB. Redirects come back as they are (openid-client asks for `redirect: 'manual'`).
 */
export async function guardedFetch(url: string, options: { method?: string, headers?: Record<string, string> | Headers, body?: unknown, signal?: AbortSignal | null } = {}): Promise<Response> {
  const headers = Object.fromEntries(new Headers(options.headers as HeadersInit | undefined).entries())
  const body = options.body === undefined || options.body === null ? undefined : String(options.body)
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted')
  const answer = await outboundRequest(url, { method: options.method ?? 'GET', headers, body, timeoutMs: 10_000, keepBytes: 1024 * 1024 })
  const responseHeaders = new Headers()
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue
    for (const one of [value].flat()) responseHeaders.append(name, one)
  }
  const empty = answer.status === 204 || answer.status === 304 || (options.method ?? 'GET') === 'HEAD'
  return new Response(empty ? null : answer.body, { status: answer.status, headers: responseHeaders })
}

import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { inject } from 'vitest'
import { PLATFORM_TOKEN } from './env'
import type { ServerInfo } from './env'

export interface Hit {
  status: number
  headers: IncomingHttpHeaders
  body: string
  json: <T = any>() => T
}

/**
 * One real HTTP request to a built server with the Host header we choose (node:http, since
 * fetch will not send an arbitrary Host). `host: null` sends no Host header at all.
 */
export function hit(port: number, host: string | null, path = '/', init: { method?: string, headers?: Record<string, string>, body?: unknown } = {}): Promise<Hit> {
  const headers: Record<string, string> = { ...init.headers }
  if (host !== null) headers.host = host
  let payload: string | Buffer | undefined
  if (init.body !== undefined) {
    payload = typeof init.body === 'string' || Buffer.isBuffer(init.body) ? init.body : JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers, setHost: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }))
    })
    req.on('error', reject)
    if (payload) {
      req.setHeader('content-length', Buffer.byteLength(payload))
      req.write(payload)
    }
    req.end()
  })
}

/** A call to the platform operations API on the platform domain, with the operations token. */
export function platformApi(port: number, method: string, path: string, body?: unknown): Promise<Hit> {
  return hit(port, 'localhost', `/api/platform${path}`, { method, body, headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } })
}

export const DEMO_PASSWORD = 'Demo-pass-2026'

/** Signs a demo user in (`<role>@<slug>.test`) and returns the Cookie header for later requests. */
export async function signIn(port: number, host: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await hit(port, host, '/api/auth/login', { method: 'POST', body: { email, password } })
  if (res.status !== 200) throw new Error(`sign-in of ${email} on ${host} failed: ${res.status} ${res.body}`)
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!
  return cookie
}

/** The servers started by global-setup: one per database driver, a second PostgreSQL instance, and one behind a trusted proxy. */
export function servers(): ServerInfo[] {
  return inject('servers')
}

/** One server per driver, for `describe.each`. */
export function serversPerDriver(): ServerInfo[] {
  return servers().filter(s => s.name === 'pglite' || s.name === 'postgres')
}

/** The `desc` of one Server-Timing metric. */
export function timing(h: Hit, metric: string): string | undefined {
  const header = String(h.headers['server-timing'] ?? '')
  const part = header.split(',').map(p => p.trim()).find(p => p.startsWith(`${metric};`))
  return part ? /desc="([^"]*)"/.exec(part)?.[1] : undefined
}

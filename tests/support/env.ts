/** Where the tests find PostgreSQL and Redis (the machine's services by default). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
export const PLATFORM_TOKEN = 'test-platform-token-0123456789'
/** The bearer token of GET /metrics on every test server. */
export const METRICS_TOKEN = 'test-metrics-token-9876543210'
/** Secrets at rest in the test servers: a current key and an older one still accepted (rotation). */
/** The Vercel project the test servers' adapter is configured for (calls go to the fake API). */
export const TEST_VERCEL = { token: 'test-vercel-token', projectId: 'prj_atrium_test', teamId: 'team_atrium_test' }
export const TEST_ENCRYPTION_KEYS = `k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`

/** A URL on the same server with another database name or user. */
export function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  if (user) {
    u.username = user
    u.password = ''
  }
  return u.toString()
}

export interface ServerInfo {
  name: 'pglite' | 'postgres' | 'postgres-b' | 'postgres-proxy'
  driver: 'pglite' | 'postgres'
  port: number
  /** postgres: the app role's URL; pglite: the data directory (owned by the server process). */
  database: string
  redis: boolean
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: ServerInfo[]
    pgAppUrl: string
    /** Key prefix the PostgreSQL servers use in the shared Redis. */
    cachePrefix: string
    mailDir: string
    /** UDP port of the test DNS server on 127.0.0.1 (the app servers resolve through it). */
    dnsPort: number
    /** Where tests add and remove its records (tests/support/dns.ts). */
    dnsControlUrl: string
    /** The fake Vercel API the app servers' Vercel adapter calls. */
    vercelFakeUrl: string
  }
}

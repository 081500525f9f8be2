import Redis from 'ioredis'
import postgres from 'postgres'
import { afterAll, beforeAll, inject } from 'vitest'
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL, withDatabase } from './env'

/** The PostgreSQL test database's URL as its owner: to age rows or read what the app role may not. */
export const ownerUrl = () => withDatabase(TEST_PG_ADMIN_URL, new URL(inject('pgAppUrl')).pathname.slice(1))

/**
 * For tests that move time: the PostgreSQL test database as its owner, and a way to drop an entry
 * from the shared Redis cache (as if it had lapsed). Opened before the file's tests, closed after.
 */
export function ownerAccess() {
  let sql: postgres.Sql | undefined
  let redis: Redis | undefined
  beforeAll(() => {
    sql = postgres(ownerUrl(), { max: 1, onnotice: () => {} })
    redis = new Redis(TEST_REDIS_URL)
  })
  afterAll(async () => {
    await sql?.end()
    redis?.disconnect()
  })
  return {
    sql: () => sql!,
    /** Drops a key of the servers' tenant cache (e.g. `session:<hash>`) from Redis. */
    forgetCached: (key: string) => redis!.del(`${inject('cachePrefix')}:tenants:${key}`),
  }
}

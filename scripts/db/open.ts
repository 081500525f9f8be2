import { connectDatabase } from '../../server/database/connect'
import { databaseEnv } from '../../server/database/env'

/** Opens the database as its owner (DATABASE_ADMIN_URL, else DATABASE_URL, else PGlite). */
export function openAsOwner() {
  const env = databaseEnv()
  return connectDatabase({ url: env.adminUrl, pgliteDir: env.pgliteDir, as: 'owner', poolMax: 2, statementTimeoutMs: 0 })
}

export function where(): string {
  const env = databaseEnv()
  return env.adminUrl ? env.adminUrl.replace(/\/\/[^@/]*@/, '//') : `PGlite at ${env.pgliteDir}`
}

import { assertSafeAppRole, connectDatabase } from '#server/database/connect'
import type { DatabaseHandle, Db } from '#server/database/connect'
import { databaseEnv } from '#server/database/env'
import { metrics } from './prometheus'

export type { Db, Tx } from '#server/database/connect'

// One pool per process (not request data, so safe at module level).
let handle: Promise<DatabaseHandle> | undefined

/** The process's database handle, opened on first use and checked to be a non-owner, non-superuser role. */
export function useDatabase(): Promise<DatabaseHandle> {
  handle ??= (async () => {
    const env = databaseEnv()
    const opened = await connectDatabase({ ...env, as: 'app', onQuery: noteQuery })
    metrics().poolSize.set(opened.poolMax)
    try {
      await assertSafeAppRole(opened.db)
    }
    catch (error) {
      await opened.close().catch(() => {})
      throw error
    }
    return opened
  })()
  return handle
}

/** The Drizzle instance (postgres-js or PGlite, same schema). */
export async function useDb(): Promise<Db> {
  return (await useDatabase()).db
}

/** Closes the pool; called on shutdown. */
export async function closeDatabase(): Promise<void> {
  if (!handle) return
  const current = handle
  handle = undefined
  await (await current.catch(() => null))?.close()
}

import { resolve } from 'node:path'
import type { DatabaseHandle } from './connect'
import { installJobSchema } from './jobs-schema'

export const MIGRATIONS_FOLDER = resolve(import.meta.dirname ?? '.', '../../drizzle/migrations')

/**
 * Applies the committed drizzle-kit migrations (schema, then RLS and grants) as the owner, then
 * pg-boss's schema, and lets the app role read drizzle's list of applied migrations (only that),
 * so `/api/ready` can tell a database that is behind the code.
 */
export async function runMigrations(handle: DatabaseHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(handle.db as never, { migrationsFolder })
  }
  else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    await migrate(handle.db as never, { migrationsFolder })
  }
  await installJobSchema(handle)
  const { sql } = await import('drizzle-orm')
  await handle.db.execute(sql.raw('GRANT USAGE ON SCHEMA drizzle TO atrium_app'))
  await handle.db.execute(sql.raw('GRANT SELECT ON drizzle.__drizzle_migrations TO atrium_app'))
}

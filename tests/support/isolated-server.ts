import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { PLAN_DEFS, seedDemo } from '../../server/database/seed/demo'
import type { DemoTenant } from '../../server/database/seed/demo'
import { exited, startApp } from './app-server'
import { TEST_ENCRYPTION_KEYS, TEST_PG_ADMIN_URL, withDatabase } from './env'

// The built app (app-server.ts) on a database of its own, for the few tests that need the whole
// platform in a state the shared servers must never be in (e.g. only one active super admin). The
// demo plans and the given super admins and tenants (seeded as the demo's, with the demo password);
// memory cache, no Redis, no mail. Costs a migration and a server start: only where nothing else will do.

export interface IsolatedServer {
  port: number
  /** A key for superAdminSession: the PGlite directory or the database's name. */
  database: string
  /** PostgreSQL only: the database as its owner (to put rows in a state no route can). */
  ownerUrl: string | null
  stop: () => Promise<void>
}

/** The built app on its own database: the test servers' keys at rest, nothing else shared. */
async function spawnServer(env: Record<string, string>) {
  const app = await startApp({ NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, ...env })
  return { port: app.port, child: app.child }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode === null) child.kill('SIGTERM')
  await exited(child)
}

/** Starts the built app on a fresh, migrated database of `driver` holding only these super admins and tenants. */
export async function startIsolatedServer(driver: 'pglite' | 'postgres', superAdmins: { email: string, name: string }[], tenants: DemoTenant[] = []): Promise<IsolatedServer> {
  if (driver === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-test-isolated-'))
    const lite = await connectDatabase({ pgliteDir: dir, as: 'owner' })
    await runMigrations(lite)
    await seedDemo(lite.db, tenants, superAdmins, PLAN_DEFS)
    await lite.close()
    const { port, child } = await spawnServer({ NUXT_PGLITE_DIR: dir })
    return { port, database: dir, ownerUrl: null, stop: async () => {
      await stopChild(child)
      rmSync(dir, { recursive: true, force: true })
    } }
  }
  const name = `atrium_test_iso_${randomBytes(4).toString('hex')}`
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const ownerUrl = withDatabase(TEST_PG_ADMIN_URL, name)
  const pg = await connectDatabase({ url: ownerUrl, pgliteDir: '', as: 'owner', poolMax: 2 })
  await runMigrations(pg)
  await seedDemo(pg.db, tenants, superAdmins, PLAN_DEFS)
  await pg.close()
  const { port, child } = await spawnServer({ DATABASE_URL: withDatabase(TEST_PG_ADMIN_URL, name, 'atrium_app') })
  return { port, database: name, ownerUrl, stop: async () => {
    await stopChild(child)
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  } }
}

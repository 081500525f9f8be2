import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { PLAN_DEFS, seedDemo } from '../../server/database/seed/demo'
import type { DemoTenant } from '../../server/database/seed/demo'
import { TEST_ENCRYPTION_KEYS, TEST_PG_ADMIN_URL, withDatabase } from './env'

// A server of the built app on a database of its own, for the few tests that need the whole
// platform in a state the shared servers must never be in (e.g. only one active super admin).
// The demo plans, the given super admins and tenants (seeded as the demo's, with the demo password); memory cache, no
// Redis, no mail. Costs a migration and a server start: use it only where nothing else will do.

const ROOT = join(import.meta.dirname, '../..')

export interface IsolatedServer {
  port: number
  /** A key for superAdminSession: the PGlite directory or the database's name. */
  database: string
  /** PostgreSQL only: the database as its owner (to put rows in a state no route can). */
  ownerUrl: string | null
  stop: () => Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function spawnServer(env: Record<string, string>): Promise<{ port: number, child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['.output/server/index.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d).slice(-16_384)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`isolated server exited early:\n${output}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, child }
    }
    catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 200))
  }
  child.kill('SIGTERM')
  throw new Error(`isolated server did not start:\n${output}`)
}

const stopChild = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null) return resolve()
  child.once('exit', () => resolve())
  child.kill('SIGTERM')
})

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

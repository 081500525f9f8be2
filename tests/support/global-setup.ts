import { spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { SMTPServer } from 'smtp-server'
import type { TestProject } from 'vitest/node'
import { connectDatabase } from '../../server/database/connect'
import { runMigrations } from '../../server/database/migrate'
import { seedDemo } from '../../server/database/seed/demo'
import { SEEDED_PLANS, SEEDED_SUPER_ADMINS, SEEDED_TENANTS } from './fixtures'
import { METRICS_TOKEN, PLATFORM_TOKEN, TEST_ENCRYPTION_KEYS, TEST_PG_ADMIN_URL, TEST_REDIS_URL, TEST_VERCEL, withDatabase } from './env'
import { startFakeDns } from './fake-dns'
import { startFakeVercel } from './fake-vercel'
import type { ServerInfo } from './env'
import { ROOT, startApp } from './app-server'

const children: ChildProcess[] = []

/** Builds the app once (skip with ATRIUM_TEST_NO_BUILD=1 when .output is fresh). */
function build() {
  if (process.env.ATRIUM_TEST_NO_BUILD === '1' && existsSync(join(ROOT, '.output/server/index.mjs'))) return
  const result = spawnSync('npx', ['nuxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status !== 0) throw new Error('nuxt build failed')
}

let smtpUrl = ''
// Uploaded files of every test server (as several instances sharing one volume would).
let blobDir = ''
/** Every server verifies domains against the test DNS server and registers them with the fake Vercel. */
let domainEnv: Record<string, string> = {}
async function start(env: Record<string, string>): Promise<number> {
  const app = await startApp({ NUXT_PLATFORM_API_TOKEN: PLATFORM_TOKEN, NUXT_SMTP_URL: smtpUrl, NUXT_MAIL_FROM: 'mail@atrium.test', NUXT_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, NUXT_USAGE_FLUSH_SECONDS: '1', NUXT_BLOB_DIR: blobDir, NUXT_METRICS_TOKEN: METRICS_TOKEN, NUXT_OUTBOUND_ALLOW: '127.0.0.1', NUXT_REPORT_MAX_ROWS: '400', ...domainEnv, ...env })
  children.push(app.child)
  return app.port
}

/**
 * A real SMTP server on 127.0.0.1: every mail the app sends lands as an .eml file in `dir`, except
 * to a mailbox named `bounce…`, which it refuses as a server refuses an unknown mailbox (550).
 */
async function startSmtp(dir: string) {
  let n = 0
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, done) {
      if (address.address.toLowerCase().startsWith('bounce')) done(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }))
      else done()
    },
    onData(stream, _session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        writeFileSync(join(dir, `${Date.now()}-${n++}.eml`), Buffer.concat(chunks))
        done()
      })
    },
  })
  await new Promise<void>(resolve => smtp.listen(0, '127.0.0.1', () => resolve()))
  return { smtp, port: (smtp.server.address() as { port: number }).port }
}

export default async function setup(project: TestProject) {
  build()

  const mailDir = mkdtempSync(join(tmpdir(), 'atrium-test-mail-'))
  blobDir = mkdtempSync(join(tmpdir(), 'atrium-test-blobs-'))
  const { smtp, port: smtpPort } = await startSmtp(mailDir)
  project.provide('mailDir', mailDir)
  smtpUrl = `smtp://127.0.0.1:${smtpPort}`

  const dns = await startFakeDns()
  const vercel = await startFakeVercel()
  project.provide('dnsPort', dns.port)
  project.provide('dnsControlUrl', dns.controlUrl)
  project.provide('vercelFakeUrl', vercel.url)
  domainEnv = {
    NUXT_DNS_SERVERS: `127.0.0.1:${dns.port}`,
    NUXT_DNS_TIMEOUT_MS: '1000',
    NUXT_VERCEL_TOKEN: TEST_VERCEL.token,
    NUXT_VERCEL_PROJECT_ID: TEST_VERCEL.projectId,
    NUXT_VERCEL_TEAM_ID: TEST_VERCEL.teamId,
    NUXT_VERCEL_API_URL: vercel.url,
  }

  // Embedded database: a fresh PGlite directory, migrated and seeded, then owned by its server.
  const pgliteDir = mkdtempSync(join(tmpdir(), 'atrium-test-pglite-'))
  const lite = await connectDatabase({ pgliteDir, as: 'owner' })
  await runMigrations(lite)
  await seedDemo(lite.db, SEEDED_TENANTS, SEEDED_SUPER_ADMINS, SEEDED_PLANS)
  await lite.close()

  // Real PostgreSQL: a fresh database, migrated and seeded as the owner; the app connects as atrium_app.
  const dbName = `atrium_test_${randomBytes(4).toString('hex')}`
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database ${dbName}`)
  }
  catch (error) {
    throw new Error(`PostgreSQL is required for the server tests (${TEST_PG_ADMIN_URL}): ${(error as Error).message}`)
  }
  const ownerUrl = withDatabase(TEST_PG_ADMIN_URL, dbName)
  const appUrl = withDatabase(TEST_PG_ADMIN_URL, dbName, 'atrium_app')
  const pg = await connectDatabase({ url: ownerUrl, pgliteDir: '', as: 'owner', poolMax: 2 })
  await runMigrations(pg)
  await seedDemo(pg.db, SEEDED_TENANTS, SEEDED_SUPER_ADMINS, SEEDED_PLANS)
  await pg.close()

  // Two PostgreSQL instances share Redis, as several app servers behind a load balancer would;
  // a third, on the same database and Redis, sits "behind our own proxy" (NUXT_TRUST_PROXY=true).
  const cachePrefix = `atrium-test-${randomBytes(4).toString('hex')}`
  const pgEnv = { DATABASE_URL: appUrl, REDIS_URL: TEST_REDIS_URL, NUXT_CACHE_PREFIX: cachePrefix }
  const [litePort, pgPort, pgPortB, pgPortProxy] = await Promise.all([
    start({ NUXT_PGLITE_DIR: pgliteDir }),
    start(pgEnv),
    start(pgEnv),
    start({ ...pgEnv, NUXT_TRUST_PROXY: 'true' }),
  ])

  const servers: ServerInfo[] = [
    { name: 'pglite', driver: 'pglite', port: litePort, database: pgliteDir, redis: false },
    { name: 'postgres', driver: 'postgres', port: pgPort, database: appUrl, redis: true },
    { name: 'postgres-b', driver: 'postgres', port: pgPortB, database: appUrl, redis: true },
    { name: 'postgres-proxy', driver: 'postgres', port: pgPortProxy, database: appUrl, redis: true },
  ]
  project.provide('servers', servers)
  project.provide('pgAppUrl', appUrl)
  project.provide('cachePrefix', cachePrefix)

  return async () => {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map(c => new Promise(r => c.exitCode !== null ? r(null) : c.once('exit', r))))
    await admin.unsafe(`drop database if exists ${dbName} with (force)`)
    await admin.end()
    rmSync(pgliteDir, { recursive: true, force: true })
    await new Promise<void>(resolve => smtp.close(() => resolve()))
    rmSync(mailDir, { recursive: true, force: true })
    rmSync(blobDir, { recursive: true, force: true })
    await dns.close()
    await vercel.close()
  }
}

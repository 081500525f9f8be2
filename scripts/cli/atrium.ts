// The operator's command line, the same in development (`npm run atrium -- <command>`, through tsx)
// and in a production install or container (`node .output/server/cli.mjs <command>`, bundled at
// build time; no dev dependency needed):
//
//   migrate                                   apply the database migrations as the owner (with
//                                             APP_DB_PASSWORD set, also give atrium_app that password)
//   setup-admin <email> [--name "Ada"] [--force] [--password-stdin]
//                                             create the first super admin
//   import-tenant <archive.zip> [--slug new-slug] [--plan key] [--dry-run]
//                                             bring a workspace's data export in as a new tenant
//                                             (server/services/io/tenant-import.ts); --dry-run checks
//                                             and counts everything, then rolls back
//
// The database comes from the environment as for the server (DATABASE_ADMIN_URL or DATABASE_URL,
// else PGlite in NUXT_PGLITE_DIR). Exit code 0 on success, 1 with one line on stderr otherwise.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { connectDatabase } from '../../server/database/connect'
import { databaseEnv } from '../../server/database/env'
import { MIGRATIONS_FOLDER, runMigrations } from '../../server/database/migrate'
import { generatedPassword, setupSuperAdmin } from '../../server/database/super-admins'
import { importTenant } from '../../server/services/io/tenant-import'

const USAGE = 'usage: atrium migrate | atrium setup-admin <email> [--name "Full Name"] [--force] [--password-stdin]'
  + ' | atrium import-tenant <archive.zip> [--slug new-slug] [--plan key] [--dry-run]'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

/** Bundled, the migrations sit beside this file (`.output/server/migrations`); from source, in drizzle/. */
function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const bundled = resolve(here, 'migrations')
  return existsSync(resolve(bundled, 'meta/_journal.json')) ? bundled : MIGRATIONS_FOLDER
}

function openAsOwner() {
  const env = databaseEnv()
  return connectDatabase({ url: env.adminUrl, pgliteDir: env.pgliteDir, as: 'owner', poolMax: 2, statementTimeoutMs: 0 })
}

/** One line from stdin (a piped password). */
async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin })
  for await (const line of rl) {
    rl.close()
    return line
  }
  return ''
}

/** Asks for a password on the terminal without echoing it; empty means "generate one". */
async function askPassword(prompt: string): Promise<string> {
  process.stdout.write(prompt)
  const stdin = process.stdin
  stdin.setRawMode?.(true)
  stdin.resume()
  stdin.setEncoding('utf8')
  return new Promise((done) => {
    let typed = ''
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode?.(false)
          stdin.pause()
          stdin.off('data', onData)
          process.stdout.write('\n')
          return done(typed)
        }
        if (ch === '\u0003') fail('\ncancelled')
        typed = ch === '\u007F' ? typed.slice(0, -1) : typed + ch
      }
    }
    stdin.on('data', onData)
  })
}

async function setupAdmin(args: string[]) {
  const email = args.find(a => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--name')
  if (!email) fail(USAGE)
  const nameAt = args.indexOf('--name')
  const name = nameAt >= 0 ? (args[nameAt + 1] ?? '').trim() : ''
  let password = ''
  if (args.includes('--password-stdin')) password = (await readLine()).trim()
  else if (process.stdin.isTTY) password = await askPassword('Password (at least 10 characters; leave empty to generate one): ')
  const generated = !password
  if (generated) password = generatedPassword()

  const handle = await openAsOwner()
  try {
    const result = await setupSuperAdmin(handle.db, { email, name: name || email.split('@')[0]!, password, force: args.includes('--force') })
    if (!result.ok) fail(result.message)
    console.log(`${result.created ? 'Created' : 'Reset'} super admin ${result.email}.`)
    if (generated) console.log(`Password (shown once, store it now): ${password}`)
    console.log('Sign in on the platform domain at /admin/login; you will set up two-factor sign-in first.')
  }
  finally {
    await handle.close()
  }
}

async function migrate() {
  const handle = await openAsOwner()
  try {
    await runMigrations(handle, migrationsFolder())
    // Containers: the app role gets its password from the environment here, once migrated.
    const password = process.env.APP_DB_PASSWORD
    if (password && handle.driver === 'postgres') {
      const { sql } = await import('drizzle-orm')
      await handle.db.execute(sql.raw(`ALTER ROLE atrium_app PASSWORD '${password.replaceAll('\'', '\'\'')}'`))
    }
    const env = databaseEnv()
    console.log(`Migrations applied (${env.adminUrl ? env.adminUrl.replace(/\/\/[^@/]*@/, '//') : `PGlite at ${env.pgliteDir}`}).`)
  }
  finally {
    await handle.close()
  }
}

/** The value after `--flag`, or undefined; a flag given without its value is a usage error. */
function option(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag)
  if (at < 0) return undefined
  const value = args[at + 1]
  if (!value || value.startsWith('--')) fail(`${flag} needs a value\n${USAGE}`)
  return value
}

async function importTenantCommand(args: string[]) {
  const valued = new Set(['--slug', '--plan'])
  const known = new Set([...valued, '--dry-run'])
  const unknown = args.find(a => a.startsWith('--') && !known.has(a))
  if (unknown) fail(`unknown option ${unknown}\n${USAGE}`)
  const path = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''))
  if (!path) fail(USAGE)
  if (!existsSync(path)) fail(`atrium import-tenant: no file at ${path}`)
  const dryRun = args.includes('--dry-run')
  const bytes = new Uint8Array(readFileSync(path))

  const handle = await openAsOwner()
  try {
    const platformDomain = process.env.NUXT_PLATFORM_DOMAIN || process.env.NUXT_PUBLIC_PLATFORM_DOMAIN || 'localhost'
    const s = await importTenant(handle.db, bytes, { slug: option(args, '--slug'), plan: option(args, '--plan'), dryRun, platformDomain })
    const renamed = s.tenant.slug !== s.tenant.archiveSlug ? ` (was "${s.tenant.archiveSlug}")` : ''
    console.log(`${dryRun ? 'Dry run: would import' : 'Imported'} workspace "${s.tenant.name}" as ${s.tenant.slug}${renamed}, id ${s.tenant.id}, on plan ${s.plan}${s.exportedAt ? `; exported ${s.exportedAt}` : ''}.`)
    const width = Math.max(...s.tables.map(t => t.name.length))
    for (const t of s.tables) console.log(`  ${t.name.padEnd(width)}  ${t.skipped ? `skipped: ${t.skipped}` : String(t.rows).padStart(6)}`)
    const total = s.tables.reduce((n, t) => n + t.rows, 0)
    console.log(`  ${'total'.padEnd(width)}  ${String(total).padStart(6)} rows`)
    if (s.warnings.length) {
      console.log('Warnings:')
      for (const w of s.warnings) console.log(`  - ${w}`)
    }
    console.log(dryRun ? 'Dry run: everything was checked and rolled back; nothing was written.' : `Done. The workspace answers at ${s.tenant.slug}.${platformDomain}.`)
  }
  finally {
    await handle.close()
  }
}

const [command, ...rest] = process.argv.slice(2)
try {
  if (command === 'migrate') await migrate()
  else if (command === 'setup-admin') await setupAdmin(rest)
  else if (command === 'import-tenant') await importTenantCommand(rest)
  else fail(USAGE)
}
catch (error) {
  fail(`atrium ${command}: ${(error as Error).message}`)
}

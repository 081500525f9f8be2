import { mkdirSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import * as schema from '#drizzle/schema'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>

/** The role the app runs as: neither superuser nor owner, so RLS applies to it (created by migrations). */
export const APP_ROLE = 'atrium_app'

export interface ConnectOptions {
  /** postgres:// URL; when empty, the embedded PGlite database is used. */
  url?: string
  /** Where PGlite keeps its files. */
  pgliteDir: string
  /** `app` drops to the app role on PGlite (PostgreSQL connects as it); `owner` is for migrations and seeds. */
  as: 'app' | 'owner'
  poolMax?: number
  statementTimeoutMs?: number
  idleTimeoutS?: number
  /** Called once per SQL statement Drizzle sends (used to count queries per request). */
  onQuery?: () => void
}

export interface DatabaseHandle {
  db: Db
  driver: 'postgres' | 'pglite'
  /** Connections the pool may open (PGlite: its one session). */
  poolMax: number
  /** PostgreSQL: the URL it was opened with (the job runner opens its own small pool on it). */
  url?: string
  /** PGlite: the embedded instance itself (the job runner shares its single session). */
  pglite?: import('@electric-sql/pglite').PGlite
  close: () => Promise<void>
}

/**
 * Opens the database: postgres-js when a URL is given, otherwise PGlite on disk. PGlite is
 * imported only on that branch, so a serverless build with DATABASE_URL never loads it.
 */
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  const logger = options.onQuery ? { logQuery: options.onQuery } : false
  const statementTimeout = Math.max(0, Math.trunc(options.statementTimeoutMs ?? 15_000))

  if (options.url) {
    const { default: postgres } = await import('postgres')
    const { drizzle } = await import('drizzle-orm/postgres-js')
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      idle_timeout: options.idleTimeoutS ?? 30,
      connect_timeout: 10,
      // Between reconnect attempts after the database went away. postgres-js's own backoff grows
      // with a retry count its whole pool shares (3^n / 100 s, up to 20 s), so after a short cut
      // the pool waited up to 20 s before trying again while requests queued; this one doubles
      // from 50 ms and stops at 2 s (with jitter), so service is back within seconds of the database.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2) * (0.5 + Math.random() / 2),
      onnotice: () => {},
      connection: { application_name: 'atrium', statement_timeout: statementTimeout },
    })
    return {
      db: drizzle(client, { schema, logger }) as unknown as Db,
      driver: 'postgres',
      poolMax: options.poolMax ?? 10,
      url: options.url,
      close: () => client.end({ timeout: 5 }),
    }
  }

  mkdirSync(options.pgliteDir, { recursive: true })
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  // btree_gin lets the search index's GIN lead with tenant_id (migration 0023 creates it).
  const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin')
  const client = await PGlite.create(options.pgliteDir, { extensions: { btree_gin } })
  await client.exec(`SET statement_timeout = ${statementTimeout}`)
  // PGlite has one built-in superuser session; the app drops to the app role for everything.
  if (options.as === 'app') await client.exec(`SET ROLE ${APP_ROLE}`)
  return {
    db: drizzle(client, { schema, logger }) as unknown as Db,
    driver: 'pglite',
    poolMax: 1,
    pglite: client,
    close: () => client.close(),
  }
}

/** Rows of a raw `execute()` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? [])
}

interface RoleFacts {
  role: string
  superuser: boolean
  bypassrls: boolean
  owned: number
  migrated: boolean
}

/**
 * Refuses a connection that would defeat row-level security: a superuser, a BYPASSRLS role,
 * or one that owns (or inherits ownership of) the tables. Also refuses an unmigrated database.
 */
export async function assertSafeAppRole(db: Db): Promise<RoleFacts> {
  const [facts] = rowsOf<RoleFacts>(await db.execute(sql`
    select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
      (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and pg_has_role(current_user, c.relowner, 'USAGE'))::int as owned,
      to_regclass('public.tenants') is not null as migrated
    from pg_roles r where r.rolname = current_user`))
  if (!facts) throw new Error('Could not read the database role')
  if (facts.superuser || facts.bypassrls || facts.owned > 0) {
    throw new Error(`Refusing to run as database role "${facts.role}": it is ${facts.superuser ? 'a superuser' : facts.bypassrls ? 'allowed to bypass RLS' : 'an owner of the tables'}. `
      + `Connect the app as "${APP_ROLE}" (DATABASE_URL) and run migrations as the owner (DATABASE_ADMIN_URL).`)
  }
  if (!facts.migrated) throw new Error('The database has no schema yet: run `npm run db:migrate` first.')
  return facts
}

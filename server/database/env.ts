/** Database settings read from the environment, shared by the server and the CLI scripts. */
export function databaseEnv(env: NodeJS.ProcessEnv = process.env) {
  const int = (value: string | undefined, fallback: number) => {
    const n = Number.parseInt(value ?? '', 10)
    return Number.isFinite(n) && n >= 0 ? n : fallback
  }
  return {
    /** The app's connection (role atrium_app); empty means embedded PGlite. */
    url: env.DATABASE_URL || env.NUXT_DATABASE_URL || '',
    /** The owner's connection, for migrations and seeds; defaults to DATABASE_URL. */
    adminUrl: env.DATABASE_ADMIN_URL || env.DATABASE_URL || env.NUXT_DATABASE_URL || '',
    pgliteDir: env.NUXT_PGLITE_DIR || '.data/pglite',
    poolMax: int(env.NUXT_DB_POOL_MAX, 10),
    statementTimeoutMs: int(env.NUXT_DB_STATEMENT_TIMEOUT_MS, 15_000),
    idleTimeoutS: int(env.NUXT_DB_IDLE_TIMEOUT_S, 30),
  }
}

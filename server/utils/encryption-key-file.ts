import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { databaseEnv } from '#server/database/env'

/** The one command that prints a new key, as the docs and the start-up message give it. */
export const MAKE_KEY_COMMAND = `node -e "console.log('k1:' + require('crypto').randomBytes(32).toString('base64'))"`

/**
 * Where a single PGlite server keeps the key it generated: beside the database directory
 * (`.data/encryption-keys` for the default `.data/pglite`), so a copy of the data folder keeps both.
 */
export function encryptionKeyFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(dirname(resolve(databaseEnv(env).pgliteDir)), 'encryption-keys')
}

/**
 * Makes sure a production server has keys to seal secrets with. NUXT_ENCRYPTION_KEYS wins; in
 * development the built-in development key serves. Otherwise, on PGlite (one server, its own data
 * directory) the key file there is read, or made at first start; with DATABASE_URL it throws,
 * since every instance must share one key and only the operator can hand it to all of them.
 * Returns the key file used, if any, and whether this start created it.
 */
export function ensureEncryptionKeys(): { path: string, created: boolean } | null {
  if (useRuntimeConfig().encryptionKeys || process.env.NODE_ENV !== 'production') return null
  if (databaseEnv().url) {
    throw new Error(`NUXT_ENCRYPTION_KEYS must be set when DATABASE_URL is: every instance needs the same key. Make one with ${MAKE_KEY_COMMAND} and set NUXT_ENCRYPTION_KEYS to its output on every instance (docs/security.md, "Secrets at rest and key rotation")`)
  }
  const path = encryptionKeyFilePath()
  if (existsSync(path)) {
    useEncryptionKeysFromFile(readFileSync(path, 'utf8'))
    return { path, created: false }
  }
  mkdirSync(dirname(path), { recursive: true })
  const key = `k1:${randomBytes(32).toString('base64')}`
  // Readable by this user only; `wx` never overwrites a key another start has just written.
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' })
  useEncryptionKeysFromFile(key)
  return { path, created: true }
}

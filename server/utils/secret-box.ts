import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

// Secrets at rest (TOTP seeds, SSO client secrets) are sealed with AES-256-GCM. The text form
// is `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), so a value names the key that sealed it
// and keys can be rotated: add a new key first in the list, re-seal at leisure, drop the old one.

interface Key { id: string, key: Buffer }

/** Only for development and tests: anyone can read the source, so production refuses it. */
const DEV_KEY: Key = { id: 'dev', key: createHash('sha256').update('atrium-development-only-key').digest() }

let parsed: { raw: string, keys: Key[] } | undefined
/** Keys read at start-up from the data directory's key file (encryption-key-file.ts), when NUXT_ENCRYPTION_KEYS is unset. */
let fromFile = ''

/** Uses these keys (same format as NUXT_ENCRYPTION_KEYS) when the setting is empty. */
export function useEncryptionKeysFromFile(raw: string): void {
  fromFile = raw.trim()
  parsed = undefined
}

function keys(): Key[] {
  const raw = String(useRuntimeConfig().encryptionKeys || fromFile || '')
  if (parsed?.raw === raw) return parsed.keys
  const list = raw.split(',').map(s => s.trim()).filter(Boolean).map((entry) => {
    const [id, b64] = entry.split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    if (!id || !/^[\w-]{1,32}$/.test(id) || key.length !== 32) throw new Error('NUXT_ENCRYPTION_KEYS: each entry must be "id:<32 bytes in base64>"')
    return { id, key }
  })
  if (!list.length && process.env.NODE_ENV === 'production') throw new Error('NUXT_ENCRYPTION_KEYS must be set in production')
  parsed = { raw, keys: list.length ? list : [DEV_KEY] }
  return parsed.keys
}

/** Seals a secret with the current key. */
export function sealSecret(plain: string): string {
  const current = keys()[0]!
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', current.key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

/** Opens a sealed secret with whichever configured key sealed it; throws if none can. */
export function openSecret(sealed: string): string {
  const [version, id, iv, tag, body] = sealed.split('.')
  const key = keys().find(k => k.id === id)
  if (version !== 'v1' || !key || !iv || !tag || body === undefined) throw new Error(`cannot open a secret sealed with key "${id}"`)
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

/** Whether a sealed value was sealed with an older key (for re-sealing after a rotation). */
export const sealedWithOldKey = (sealed: string) => sealed.split('.')[1] !== keys()[0]!.id

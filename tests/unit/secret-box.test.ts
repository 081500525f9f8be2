import { beforeAll, describe, expect, it } from 'vitest'

// The sealing of secrets at rest, with the key list as the server reads it from config.
let keys = ''
let box: typeof import('../../server/utils/secret-box')
const key = (n: number) => Buffer.alloc(32, n).toString('base64')

beforeAll(async () => {
  (globalThis as Record<string, unknown>).useRuntimeConfig = () => ({ encryptionKeys: keys })
  box = await import('../../server/utils/secret-box')
})

describe('secret box', () => {
  it('seals with the first key and opens again; the sealed text never contains the secret', () => {
    keys = `new:${key(2)},old:${key(1)}`
    const sealed = box.sealSecret('client-secret-123')
    expect(sealed).toMatch(/^v1\.new\./)
    expect(sealed).not.toContain('client-secret-123')
    expect(box.openSecret(sealed)).toBe('client-secret-123')
    expect(box.sealSecret('same')).not.toBe(box.sealSecret('same')) // a fresh IV each time
  })

  it('rotation: values sealed with an older key still open while it is listed, and are flagged for re-sealing', () => {
    keys = `old:${key(1)}`
    const sealedOld = box.sealSecret('rotate-me')
    keys = `new:${key(2)},old:${key(1)}`
    expect(box.openSecret(sealedOld)).toBe('rotate-me')
    expect(box.sealedWithOldKey(sealedOld)).toBe(true)
    keys = `new:${key(2)}`
    expect(() => box.openSecret(sealedOld)).toThrow(/key "old"/)
  })

  it('refuses tampered text and malformed keys', () => {
    keys = `k:${key(3)}`
    const sealed = box.sealSecret('x')
    const parts = sealed.split('.')
    parts[4] = Buffer.from('tampered').toString('base64url')
    expect(() => box.openSecret(parts.join('.'))).toThrow()
    keys = 'k:short'
    expect(() => box.sealSecret('x')).toThrow(/32 bytes/)
  })
})

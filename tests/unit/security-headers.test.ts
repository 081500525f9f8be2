import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, headerKind, newCspNonce, securityHeaders, withNonce } from '../../server/utils/security-headers'

describe('withNonce', () => {
  it('puts the nonce on every script and style opening tag that has none', () => {
    const html = '<script>a()</script><script type="application/json" id="x">{}</script><style id="t">:root{}</style><script type="module" src="/_nuxt/e.js"></script>'
    expect(withNonce(html, 'N')).toBe('<script nonce="N">a()</script><script nonce="N" type="application/json" id="x">{}</script><style nonce="N" id="t">:root{}</style><script nonce="N" type="module" src="/_nuxt/e.js"></script>')
  })

  it('leaves a tag that has a nonce, and other tags, alone', () => {
    const html = '<script nonce="other">x</script><link rel="stylesheet" href="/a.css"><styles><scripts>'
    expect(withNonce(html, 'N')).toBe(html)
  })
})

describe('security headers', () => {
  it('Cross-Origin-Opener-Policy only where a browser applies it (HTTPS or a loopback host)', () => {
    const base = { kind: 'page' as const, nonce: 'N', dev: false }
    expect(securityHeaders({ ...base, https: true, trustworthy: true })['Cross-Origin-Opener-Policy']).toBe('same-origin')
    expect(securityHeaders({ ...base, https: false, trustworthy: true })['Cross-Origin-Opener-Policy']).toBe('same-origin')
    const plain = securityHeaders({ ...base, https: false, trustworthy: false })
    expect(plain['Cross-Origin-Opener-Policy']).toBeUndefined()
    expect(plain['X-Frame-Options']).toBe('DENY')
  })

  it('a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newCspNonce))
    expect(nonces.size).toBe(50)
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16)
  })

  it.each([
    ['/login', 'page'], ['/', 'page'], ['/admin/login', 'page'], ['/__nuxt_error', 'page'],
    ['/api/site', 'api'], ['/api/auth/sso/callback', 'api'], ['/_nuxt/entry.js', 'api'], ['/metrics', 'api'],
    ['/assets/brand/0190/abc.svg', 'file'],
  ])('%s is a %s', (path, kind) => {
    expect(headerKind(path)).toBe(kind)
  })

  it('a page: scripts and <style> by origin or nonce only, style attributes allowed, never framed', () => {
    const csp = contentSecurityPolicy('page', 'N')
    expect(csp).toContain('script-src \'self\' \'nonce-N\'')
    expect(csp).toContain('style-src \'self\' \'nonce-N\'')
    expect(csp).toContain('style-src-attr \'unsafe-inline\'')
    expect(csp).toContain('frame-ancestors \'none\'')
    expect(csp).not.toMatch(/unsafe-eval|strict-dynamic|script-src[^;]*unsafe-inline/)
  })

  it('HSTS only over TLS and never in dev; no page CSP in dev (Vite), the others always', () => {
    const base = { kind: 'page' as const, nonce: 'N', trustworthy: true }
    expect(securityHeaders({ ...base, https: false, dev: false })['Strict-Transport-Security']).toBeUndefined()
    expect(securityHeaders({ ...base, https: true, dev: false })['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains')
    const dev = securityHeaders({ ...base, https: true, dev: true })
    expect(dev['Strict-Transport-Security']).toBeUndefined()
    expect(dev['Content-Security-Policy']).toBeUndefined()
    expect(dev['X-Frame-Options']).toBe('DENY')
    // An uploaded file stays sandboxed in dev too.
    expect(securityHeaders({ kind: 'file', nonce: 'N', https: false, trustworthy: true, dev: true })['Content-Security-Policy']).toContain('sandbox')
  })
})

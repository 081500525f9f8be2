import { describe, expect, it } from 'vitest'
import { classifyHost, normalizeHost } from '../../server/utils/host'

function hostnameOf(raw: string | undefined | null) {
  const parsed = normalizeHost(raw)
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(raw)} to be accepted, got: ${parsed.reason}`)
  return parsed
}

describe('normalizeHost', () => {
  it.each([undefined, null, '', '   '])('refuses an empty host (%j)', (raw) => {
    expect(normalizeHost(raw)).toEqual({ ok: false, reason: 'empty host' })
  })

  it('lowers upper case', () => {
    expect(hostnameOf('ACME.Example.COM')).toEqual({ ok: true, hostname: 'acme.example.com', isIp: false })
  })

  it('strips a valid port', () => {
    expect(hostnameOf('acme.localhost:3000').hostname).toBe('acme.localhost')
    expect(hostnameOf('ACME.Localhost:65535').hostname).toBe('acme.localhost')
  })

  it.each([
    'acme.localhost:0',
    'acme.localhost:99999',
    'acme.localhost:65536',
    'acme.localhost:abc',
    'acme.localhost:',
    'acme.localhost:-1',
  ])('refuses a bad port in %s', (raw) => {
    expect(normalizeHost(raw).ok).toBe(false)
  })

  it('removes one trailing dot', () => {
    expect(hostnameOf('acme.example.').hostname).toBe('acme.example')
    expect(hostnameOf('acme.example.:8080').hostname).toBe('acme.example')
  })

  it('refuses two trailing dots', () => {
    expect(normalizeHost('acme.example..').ok).toBe(false)
  })

  it('accepts a host of exactly 253 characters and refuses one of 254', () => {
    const max = `${'a.'.repeat(126)}a`
    expect(max).toHaveLength(253)
    expect(hostnameOf(max).hostname).toBe(max)
    expect(hostnameOf(`${max}.`).hostname).toBe(max)

    const tooLong = `${'a.'.repeat(126)}ab`
    expect(tooLong).toHaveLength(254)
    expect(normalizeHost(tooLong).ok).toBe(false)
  })

  it('refuses a very long header value outright', () => {
    expect(normalizeHost('a'.repeat(1000))).toEqual({ ok: false, reason: 'host too long' })
  })

  it('refuses a label longer than 63 characters', () => {
    expect(normalizeHost(`${'a'.repeat(63)}.example`).ok).toBe(true)
    expect(normalizeHost(`${'a'.repeat(64)}.example`).ok).toBe(false)
  })

  it.each([
    'bad_host.example',
    'a b.example',
    'x<y.example',
    'red;}</style>',
    'acme.example/path',
    'user@acme.example',
    'acme"example',
  ])('refuses invalid characters in %j', (raw) => {
    expect(normalizeHost(raw).ok).toBe(false)
  })

  it.each([
    '-acme.example',
    'acme-.example',
    'acme.-example',
    'acme.example-',
  ])('refuses a label starting or ending with a hyphen (%s)', (raw) => {
    expect(normalizeHost(raw).ok).toBe(false)
  })

  it('keeps hyphens inside a label', () => {
    expect(hostnameOf('my-shop.example').hostname).toBe('my-shop.example')
  })

  it('refuses empty labels', () => {
    expect(normalizeHost('acme..example').ok).toBe(false)
    expect(normalizeHost('.acme.example').ok).toBe(false)
  })

  it('converts an IDN to punycode', () => {
    expect(hostnameOf('bücher.example')).toEqual({ ok: true, hostname: 'xn--bcher-kva.example', isIp: false })
    expect(hostnameOf('BÜCHER.example:443').hostname).toBe('xn--bcher-kva.example')
  })

  it('leaves an already punycoded host as it is', () => {
    expect(hostnameOf('xn--bcher-kva.example').hostname).toBe('xn--bcher-kva.example')
  })

  it('marks an IPv4 literal as an IP, port stripped', () => {
    expect(hostnameOf('127.0.0.1:3000')).toEqual({ ok: true, hostname: '127.0.0.1', isIp: true })
    expect(hostnameOf('10.0.0.7')).toEqual({ ok: true, hostname: '10.0.0.7', isIp: true })
  })

  it('refuses an IPv4 literal with an octet out of range', () => {
    expect(normalizeHost('999.1.1.1').ok).toBe(false)
  })

  it('marks an IPv6 literal as an IP, port stripped', () => {
    expect(hostnameOf('[::1]:3000')).toEqual({ ok: true, hostname: '[::1]', isIp: true })
    expect(hostnameOf('[FE80::1]')).toEqual({ ok: true, hostname: '[fe80::1]', isIp: true })
  })

  it.each(['[::1]:0', '[::1]:99999', '[::1]:abc', '[::1', '[zz::1]', '[::1]x'])('refuses a malformed IPv6 host %s', (raw) => {
    expect(normalizeHost(raw).ok).toBe(false)
  })
})

describe('classifyHost', () => {
  const platform = 'atrium.example'

  it('recognises the platform domain itself', () => {
    expect(classifyHost('atrium.example', false, platform)).toEqual({ kind: 'platform' })
  })

  it('recognises www.<platform> as the platform', () => {
    expect(classifyHost('www.atrium.example', false, platform)).toEqual({ kind: 'platform' })
  })

  it('gives a tenant subdomain with its label', () => {
    expect(classifyHost('acme.atrium.example', false, platform)).toEqual({ kind: 'subdomain', label: 'acme' })
    expect(classifyHost('acme.localhost', false, 'localhost')).toEqual({ kind: 'subdomain', label: 'acme' })
  })

  it('matches nothing for a nested subdomain', () => {
    expect(classifyHost('a.b.atrium.example', false, platform)).toEqual({ kind: 'none' })
    expect(classifyHost('www.acme.atrium.example', false, platform)).toEqual({ kind: 'none' })
  })

  it('matches nothing for an IP, even one equal to the platform domain', () => {
    expect(classifyHost('127.0.0.1', true, platform)).toEqual({ kind: 'none' })
    expect(classifyHost('[::1]', true, platform)).toEqual({ kind: 'none' })
    expect(classifyHost('127.0.0.1', true, '127.0.0.1')).toEqual({ kind: 'none' })
  })

  it('treats any other host as a custom domain', () => {
    expect(classifyHost('portal.acme.com', false, platform)).toEqual({ kind: 'custom', hostname: 'portal.acme.com' })
  })

  it('does not take a host that merely ends with the platform name as a subdomain', () => {
    expect(classifyHost('evilatrium.example', false, platform)).toEqual({ kind: 'custom', hostname: 'evilatrium.example' })
    expect(classifyHost('atrium.example.evil.com', false, platform)).toEqual({ kind: 'custom', hostname: 'atrium.example.evil.com' })
  })

  it('works end to end with normalizeHost', () => {
    const parsed = hostnameOf('ACME.Atrium.Example.:443')
    expect(classifyHost(parsed.hostname, parsed.isIp, platform)).toEqual({ kind: 'subdomain', label: 'acme' })
  })
})

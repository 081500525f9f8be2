import { describe, expect, it } from 'vitest'
import { customDomainCreateSchema, parseCustomDomain } from '../../shared/schemas/domains'

describe('parseCustomDomain', () => {
  it.each([
    ['dash.example.com', 'dash.example.com'],
    ['  Dash.Example.COM.  ', 'dash.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.c-d.example.co.uk', 'a-b.c-d.example.co.uk'],
  ])('%s → %s', (input, expected) => {
    expect(parseCustomDomain(input)).toEqual({ ok: true, hostname: expected })
  })

  it.each([
    ['', /required/],
    ['203.0.113.7', /IP address/],
    ['2001:db8::1', /IP address/],
    ['[::1]', /IP address/],
    ['example.1', /IP address/],
    ['0x7f.1', /IP address/],
    ['*.example.com', /wildcard/],
    ['localhost', /two labels/],
    ['https://example.com', /without https/],
    ['example.com/path', /without https/],
    ['example.com:443', /port/],
    ['exa_mple.com', /characters/],
    ['-x.example.com', /not a valid/],
    ['a..example.com', /not a valid/],
    [`${'a'.repeat(64)}.com`, /not a valid/],
    [`${'abcdefghi.'.repeat(26)}com`, /too long/],
  ])('refuses %s', (input, message) => {
    const parsed = parseCustomDomain(input)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.message).toMatch(message)
  })

  it('the API schema normalises, names the field, and takes nothing else', () => {
    expect(customDomainCreateSchema.parse({ hostname: 'Dash.Example.com.' })).toEqual({ hostname: 'dash.example.com' })
    const bad = customDomainCreateSchema.safeParse({ hostname: '*.example.com' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['hostname'])
    expect(customDomainCreateSchema.safeParse({ hostname: 'a.example.com', verified: true }).success).toBe(false)
  })
})

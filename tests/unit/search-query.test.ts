import { describe, expect, it } from 'vitest'
import { prefixTsQuery, searchKey } from '../../server/utils/search-query'

/** Only words followed by `:*`, joined by ` & `: no other tsquery syntax can get through. */
const SHAPE = /^[\p{L}\p{N}\p{M}]+:\*(?: & [\p{L}\p{N}\p{M}]+:\*)*$/u

describe('prefixTsQuery', () => {
  it('makes every word a required prefix, lower-cased', () => {
    expect(prefixTsQuery('Ada')).toBe('ada:*')
    expect(prefixTsQuery('  ada   LOVE ')).toBe('ada:* & love:*')
  })

  it('splits on punctuation as the indexed text does', () => {
    expect(prefixTsQuery('ada.lovelace@acme.com')).toBe('ada:* & lovelace:* & acme:* & com:*')
    expect(prefixTsQuery('O\'Brien-Smith')).toBe('o:* & brien:* & smith:*')
  })

  it('keeps letters of any script and digits', () => {
    expect(prefixTsQuery('Müller Köln 42')).toBe('müller:* & köln:* & 42:*')
    expect(prefixTsQuery('東京')).toBe('東京:*')
    // Decomposed accents are composed first, so they match the stored (composed) words.
    expect(prefixTsQuery('Mu\u0308ller')).toBe('müller:*')
  })

  it('drops tsquery operators and quoting', () => {
    for (const hostile of ['a & b', 'a | b', '!a', 'a <-> b', '(a', 'a:*', 'a:AB', '\'a\' \'', 'a\\b', 'a:* | !b & (c <2> d)', '\'); drop table x; --']) {
      const q = prefixTsQuery(hostile)
      expect(q, hostile).toMatch(SHAPE)
    }
    expect(prefixTsQuery('a | !b')).toBe('a:* & b:*')
  })

  it('puts the tenant\'s key in front of every word', () => {
    const key = searchKey('01A20BB3-FD22-770D-BA88-DE1A6EEB267E')
    expect(key).toMatch(/^k[0-9a-f]{10}$/)
    expect(key).toBe(searchKey('01a20bb3-fd22-770d-ba88-de1a6eeb267e'))
    expect(key).not.toBe(searchKey('01a20bb3-fd22-770d-ba88-de1a6eeb2670'))
    expect(prefixTsQuery('Ada Lov', key)).toBe(`${key}ada:* & ${key}lov:*`)
  })

  it('answers null when nothing searchable is left', () => {
    expect(prefixTsQuery('')).toBeNull()
    expect(prefixTsQuery('  ')).toBeNull()
    expect(prefixTsQuery('&|!():*<->\'"')).toBeNull()
  })

  it('bounds the query: distinct words, at most 8, each at most 64 characters', () => {
    expect(prefixTsQuery('ada ada ADA')).toBe('ada:*')
    expect(prefixTsQuery('a b c d e f g h i j k')!.split(' & ')).toHaveLength(8)
    expect(prefixTsQuery('x'.repeat(500))).toBe(`${'x'.repeat(64)}:*`)
  })
})

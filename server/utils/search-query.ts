import { createHash } from 'node:crypto'

/** At most this many words of a search are used, each cut to this length. */
const MAX_TERMS = 8
const MAX_TERM_LENGTH = 64

/**
 * The tenant's key in front of every indexed word: 'k' and 10 hex digits of md5(tenant id), as
 * search_key() computes it in migration 0026. It keeps a prefix search inside its tenant's words.
 */
export function searchKey(tenantId: string): string {
  return `k${createHash('md5').update(tenantId.toLowerCase()).digest('hex').slice(0, 10)}`
}

/**
 * Search text → a tsquery string for `to_tsquery('simple', $1)` (always a bound parameter):
 * every word as a prefix (`ada:* & lov:*`, each behind the tenant's `key`), all words required.
 * Words are runs of letters, digits and combining marks; everything else separates them, as
 * search_words() does for the indexed text (migration 0026). What remains has no tsquery
 * operator in it, so no input can change the query's shape. Null when the text holds no word.
 */
export function prefixTsQuery(input: string, key = ''): string | null {
  const terms = input.normalize('NFC').toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .map(t => t.slice(0, MAX_TERM_LENGTH))
  const unique = [...new Set(terms)].slice(0, MAX_TERMS)
  return unique.length ? unique.map(t => `${key}${t}:*`).join(' & ') : null
}

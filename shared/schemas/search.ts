import { z } from 'zod'
import { DEAL_STATUSES, LEAD_STATUSES, RECORD_TYPES, TASK_STATUSES, TICKET_STATUSES } from '../records'
import type { RecordType } from '../records'

/** Every status a searchable record can have (types share some: leads' and tickets' `new`). */
export const SEARCH_STATUSES = [...new Set([...LEAD_STATUSES, ...DEAL_STATUSES, ...TASK_STATUSES, ...TICKET_STATUSES])] as [string, ...string[]]

/** The longest search text accepted, and the most results one request returns. */
export const SEARCH_MAX_LENGTH = 200
export const SEARCH_MAX_LIMIT = 50

/** `a,b` (or the key repeated) → a list of distinct values, each checked by `item`. */
const list = <T extends z.ZodType>(item: T, max: number) => z.preprocess(
  (v) => {
    const text = Array.isArray(v) ? v.join(',') : v
    return typeof text === 'string' ? [...new Set(text.split(',').map(p => p.trim()).filter(Boolean))] : text
  },
  z.array(item).min(1, 'lists nothing').max(max, `at most ${max} values`),
)

/** GET /api/search: text, optional type, status and owner filters (comma lists), page size. */
export const searchQuerySchema = z.object({
  q: z.string({ message: 'is required' }).trim().min(1, 'is required').max(SEARCH_MAX_LENGTH, `at most ${SEARCH_MAX_LENGTH} characters`),
  types: list(z.enum(RECORD_TYPES, { message: `must be among ${RECORD_TYPES.join(', ')}` }), RECORD_TYPES.length).optional(),
  status: list(z.enum(SEARCH_STATUSES, { message: 'is not a record status' }), SEARCH_STATUSES.length).optional(),
  ownerId: list(z.union([z.literal('me'), z.uuid()], { message: 'must be a member id or "me"' }), 20).optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'at least 1').max(SEARCH_MAX_LIMIT, `at most ${SEARCH_MAX_LIMIT}`).default(20),
}).strict()

export type SearchQuery = z.infer<typeof searchQuerySchema>

/** One search result: a record the principal may see, with what the palette shows. */
export interface SearchHit {
  type: RecordType
  id: string
  title: string
  subtitle: string | null
  status: string | null
  owner: { id: string, name: string } | null
  rank: number
}

/**
 * The answer of GET /api/search. Each facet counts the matches under the other filters (not its
 * own), so picking one type still shows how many the other types hold.
 */
export interface SearchResult {
  items: SearchHit[]
  facets: {
    type: Partial<Record<RecordType, number>>
    status: Record<string, number>
    owner: { id: string, name: string, count: number }[]
  }
}

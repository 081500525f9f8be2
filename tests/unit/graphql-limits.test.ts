import { buildSchema, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { checkLimits, GRAPHQL_LIMITS } from '../../server/graphql/limits'

// The GraphQL limits (server/graphql/limits.ts) on a schema shaped like ours: connections with
// `first`, items, and a relation back. The server test checks them over HTTP; this one pins the
// arithmetic.
const schema = buildSchema(`
  type Query { accounts(first: Int = 50): AccountConnection, viewer: Viewer }
  type Mutation { createAccount(name: String): Account }
  type Viewer { kind: String, permissions: [String!]! }
  type AccountConnection { items: [Account!]!, total: Int }
  type Account { id: ID, name: String, contacts(first: Int = 50): ContactConnection }
  type ContactConnection { items: [Contact!]!, total: Int }
  type Contact { id: ID, account: Account }
`)

const check = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  checkLimits(schema, parse(query), operationName, variables)?.extensions.code ?? null

describe('GraphQL limits', () => {
  it('counts depth through fragments and inline fragments, not introspection fields', () => {
    const eight = '{ accounts(first: 2) { items { contacts(first: 2) { items { account { contacts(first: 2) { items { id } } } } } } } }'
    expect(check(eight)).toBeNull()
    expect(check('{ accounts { items { contacts { items { account { contacts { items { account { id } } } } } } } } }')).toBe('QUERY_TOO_DEEP')
    const viaFragment = `{ accounts { items { ...C } } }
      fragment C on Account { contacts { items { account { contacts { items { ... on Contact { account { id } } } } } } } }`
    expect(check(viaFragment)).toBe('QUERY_TOO_DEEP')
    expect(check('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }')).toBeNull()
  })

  it('multiplies a list\'s fields by its page size, literal or variable, and by a default without one', () => {
    // 1 (accounts) + 1 (total) + 200 × (1 + 1 + 1) = 602
    expect(check('{ accounts(first: 200) { total items { id name } } }')).toBeNull()
    expect(check('{ accounts(first: 200) { items { contacts(first: 200) { items { id } } } } }')).toBe('QUERY_TOO_COMPLEX')
    const byVariable = 'query ($n: Int) { accounts(first: $n) { items { contacts(first: $n) { items { id } } } } }'
    expect(check(byVariable, { n: 10 })).toBeNull()
    expect(check(byVariable, { n: 100 })).toBe('QUERY_TOO_COMPLEX')
    // The declared default (50): 50 × 50 × 4 nested fields is over the limit.
    expect(check('{ accounts { items { contacts { items { id account { id } } } } } }')).toBe('QUERY_TOO_COMPLEX')
    // A list of plain values costs one field.
    expect(check('{ viewer { permissions } }')).toBeNull()
  })

  it('caps aliases and operations, and checks only the operation that runs', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`
    expect(check(aliases(GRAPHQL_LIMITS.aliases))).toBeNull()
    expect(check(aliases(GRAPHQL_LIMITS.aliases + 1))).toBe('QUERY_TOO_COMPLEX')
    const ops = (n: number) => Array.from({ length: n }, (_, i) => `query Q${i} { viewer { kind } }`).join('\n')
    expect(check(ops(GRAPHQL_LIMITS.operations), {}, 'Q0')).toBeNull()
    expect(check(ops(GRAPHQL_LIMITS.operations + 1), {}, 'Q0')).toBe('QUERY_TOO_LARGE')
    const two = 'query Small { viewer { kind } } query Big { accounts(first: 200) { items { contacts(first: 200) { items { id } } } } }'
    expect(check(two, {}, 'Small')).toBeNull()
    expect(check(two, {}, 'Big')).toBe('QUERY_TOO_COMPLEX')
    expect(check('mutation { createAccount(name: "x") { contacts(first: 200) { items { account { contacts(first: 200) { items { id } } } } } } }')).toBe('QUERY_TOO_COMPLEX')
  })
})

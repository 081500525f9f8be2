import { GraphQLError, Kind, getNamedType, getNullableType, isListType, isObjectType, parse } from 'graphql'
import type { DocumentNode, FragmentDefinitionNode, GraphQLField, GraphQLNamedType, GraphQLSchema, SelectionSetNode, ValueNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'

// What one GraphQL request may ask for (docs/graphql.md, "Limits"). Checked on the parsed
// document with the request's variables, before any resolver runs: a request over a limit is
// answered with one error naming the limit, and nothing is executed.

export const GRAPHQL_LIMITS = {
  /** Nested field levels, fragments expanded (introspection's own fields are not counted). */
  depth: 8,
  /** Estimated cost: every field 1, a list's fields times its page size (`first`, or the list's cap). */
  cost: 10_000,
  /** Fields requested under another name. */
  aliases: 30,
  /** Operations in one document (one of them runs). */
  operations: 5,
  /** Lexical tokens of the document: bounds parsing work before anything else is looked at. */
  tokens: 5_000,
} as const

/** The size assumed for a list without `first`: the most its service returns, or a default. */
const LIST_SIZE: Record<string, number> = {
  'Query.dashboards': 100,
  'Query.teams': 50,
  'Dashboard.widgets': 24,
  'Team.members': 50,
  'Member.teams': 10,
  'WidgetResult.series': 10,
}
const DEFAULT_LIST_SIZE = 50

/** Fields that cost more than one: a widget's data runs an analytics query. */
const FIELD_COST: Record<string, number> = {
  'Widget.data': 10,
}

const limitError = (code: 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX' | 'QUERY_TOO_LARGE', message: string) =>
  new GraphQLError(message, { extensions: { code } })

/** `first` of a field as this request gives it (a literal or a variable), else its declared default. */
function firstOf(def: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }, value: ValueNode }[] | undefined, variables: Record<string, unknown>): number | undefined {
  const declared = def.args.find(a => a.name === 'first')
  if (!declared) return undefined
  const given = args?.find(a => a.name.value === 'first')?.value
  let value: unknown = declared.defaultValue
  if (given?.kind === Kind.INT) value = Number(given.value)
  else if (given?.kind === Kind.VARIABLE) value = variables[given.name.value] ?? declared.defaultValue
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_LIST_SIZE
}

interface Walk {
  schema: GraphQLSchema
  fragments: Map<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
}

/** Depth and cost of a selection set on `parent`; `pageSize` is the `first` of the list's connection above. */
function measure(w: Walk, set: SelectionSetNode, parent: GraphQLNamedType | undefined, pageSize: number | undefined, seen: Set<string>): { depth: number, cost: number } {
  let depth = 0
  let cost = 0
  for (const sel of set.selections) {
    if (sel.kind === Kind.FRAGMENT_SPREAD || sel.kind === Kind.INLINE_FRAGMENT) {
      let inner: SelectionSetNode | undefined
      let on = parent
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        // A fragment used inside itself is refused by validation; never followed twice on one path here.
        if (seen.has(sel.name.value)) continue
        const frag = w.fragments.get(sel.name.value)
        if (!frag) continue
        inner = frag.selectionSet
        on = w.schema.getType(frag.typeCondition.name.value) ?? parent
        const m = measure(w, inner, on, pageSize, new Set([...seen, sel.name.value]))
        depth = Math.max(depth, m.depth)
        cost += m.cost
        continue
      }
      if (sel.typeCondition) on = w.schema.getType(sel.typeCondition.name.value) ?? parent
      const m = measure(w, sel.selectionSet, on, pageSize, seen)
      depth = Math.max(depth, m.depth)
      cost += m.cost
      continue
    }
    const name = sel.name.value
    // Introspection (__schema, __type, __typename) is bounded by the schema and the token cap.
    if (name.startsWith('__')) continue
    const def = parent && isObjectType(parent) ? parent.getFields()[name] : undefined
    if (!def) continue // unknown fields are refused by validation
    const coordinate = `${parent!.name}.${name}`
    const list = isListType(getNullableType(def.type))
    // A list of plain values costs as one field; a list of objects, its fields times its length.
    const size = list && sel.selectionSet ? (pageSize ?? LIST_SIZE[coordinate] ?? DEFAULT_LIST_SIZE) : 1
    const inner = sel.selectionSet ? measure(w, sel.selectionSet, getNamedType(def.type), firstOf(def, sel.arguments, w.variables), seen) : { depth: 0, cost: 0 }
    depth = Math.max(depth, 1 + inner.depth)
    cost += size * ((FIELD_COST[coordinate] ?? 1) + inner.cost)
  }
  return { depth, cost }
}

/** The first limit this document breaks for the operation that would run, or null when it keeps them all. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> = {}): GraphQLError | null {
  const operations = document.definitions.filter(d => d.kind === Kind.OPERATION_DEFINITION)
  if (operations.length > GRAPHQL_LIMITS.operations) {
    return limitError('QUERY_TOO_LARGE', `A document may hold at most ${GRAPHQL_LIMITS.operations} operations; this one holds ${operations.length}`)
  }
  let aliases = 0
  const countAliases = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD && sel.alias) aliases++
      if (sel.kind !== Kind.FRAGMENT_SPREAD) countAliases(sel.selectionSet)
    }
  }
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) countAliases(d.selectionSet)
  }
  if (aliases > GRAPHQL_LIMITS.aliases) {
    return limitError('QUERY_TOO_COMPLEX', `A document may use at most ${GRAPHQL_LIMITS.aliases} aliases; this one uses ${aliases}`)
  }
  const operation = operationName ? operations.find(o => o.name?.value === operationName) : operations[0]
  if (!operation) return null // graphql-js answers a missing operation itself
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType()
  const fragments = new Map(document.definitions.filter(d => d.kind === Kind.FRAGMENT_DEFINITION).map(d => [d.name.value, d]))
  const { depth, cost } = measure({ schema, fragments, variables }, operation.selectionSet, root ?? undefined, undefined, new Set())
  if (depth > GRAPHQL_LIMITS.depth) {
    return limitError('QUERY_TOO_DEEP', `This query nests ${depth} levels deep; at most ${GRAPHQL_LIMITS.depth} are allowed`)
  }
  if (cost > GRAPHQL_LIMITS.cost) {
    return limitError('QUERY_TOO_COMPLEX', `This query would cost ${cost}; at most ${GRAPHQL_LIMITS.cost} is allowed (ask for smaller pages with first, or fewer fields)`)
  }
  return null
}

/**
 * The limits as a Yoga plugin: the token cap while parsing (graphql-js stops reading there), the
 * rest before execution, when the variables are known.
 */
export function useGraphqlLimits(): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: GRAPHQL_LIMITS.tokens })
        }
        catch (error) {
          if (error instanceof GraphQLError && /tokens/.test(error.message)) {
            throw limitError('QUERY_TOO_LARGE', `A document may hold at most ${GRAPHQL_LIMITS.tokens} tokens`)
          }
          throw error
        }
      })
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refused = checkLimits(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>)
      if (refused) setResultAndStopExecution({ errors: [refused] })
    },
  }
}
